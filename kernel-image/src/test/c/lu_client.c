/* The client of the guest live update (lu_proto.h): the service's pending asynsend must reach it
   exactly once across the swap, and the old image's grant 0 is not for it to read. */
#include "lu_proto.h"

int main(void)
{
	message m;
	int status;

	plan(3);
	_receive(LU_RS, &m, &status);           /* LU_GO: the swap is done, the new instance not yet running */
	endpoint_t old = m.m1_i1;
	int r = _receive(ANY, &m, &status);
	CHECK("the_pending_asynsend_arrives_from_the_new_instance", r == OK && m.m_type == LU_DATA && m.m1_i1 == 39
		&& m.m_source == LU_SVC && IPC_STATUS_CALL(status) == SENDA);
	sys_setalarm(3, 0);
	r = _receive(ANY, &m, &status);
	CHECK("it_arrives_exactly_once", r == OK && m.m_source == CLOCK);

	static int scratch;
	memset(&m, 0, sizeof(m));
	m.m_lsys_kern_safecopy.from_to = old;
	m.m_lsys_kern_safecopy.gid = 0;
	m.m_lsys_kern_safecopy.address = (vir_bytes) &scratch;
	m.m_lsys_kern_safecopy.bytes = sizeof(scratch);
	CHECK_EQ("others_reading_the_old_images_grant_0_must_wait", _kernel_call_once(SYS_SAFECOPYFROM, &m), ENOTREADY);

	memset(&m, 0, sizeof(m));
	m.m_type = LU_CLIENT_DONE;
	_send(LU_RS, &m);
	while (_receive(LU_RS, &m, &status) == OK && m.m_type != LU_QUIT) {
	}
	return check_done();
}
