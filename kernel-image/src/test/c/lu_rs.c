/* The orchestrator of the guest live update (lu_proto.h): prepare, fork, swap, answer, clean up. */
#include "lu_proto.h"

int main(void)
{
	message m;
	int status;
	endpoint_t t;

	plan(6);
	CHECK("the_service_reports_it_is_prepared", _receive(LU_SVC, &m, &status) == OK && m.m_type == LU_READY);
	CHECK_EQ("fork_makes_the_new_instance", sys_fork(LU_SVC, NONE, &t, 0), OK);
	CHECK_EQ("the_new_instance_gets_system_privileges", sys_privctl(t, SYS_PRIV_SET_SYS, NULL), OK);
	CHECK_EQ("sys_update_swaps_the_two_slots", sys_update(LU_SVC, t, 0), OK);

	memset(&m, 0, sizeof(m));
	m.m_type = LU_GO;
	m.m1_i1 = t;
	_send(LU_CLIENT, &m);                   /* the client now waits before the new instance reloads */
	sys_privctl(LU_SVC, SYS_PRIV_ALLOW, NULL);
	m.m_type = LU_NEW;
	_send(LU_SVC, &m);                      /* the old instance's SENDREC answer, to the new image */

	for (int reports = 0; reports < 2; reports++) {
		_receive(ANY, &m, &status);
		if (m.m_type == LU_SVC_DONE) {
			CHECK_EQ("the_new_instance_has_the_old_state", m.m1_i1, 42);
		}
	}
	CHECK_EQ("the_old_image_is_cleared", sys_clear(t), OK);
	m.m_type = LU_QUIT;
	_send(LU_SVC, &m);
	_send(LU_CLIENT, &m);
	return check_done();
}
