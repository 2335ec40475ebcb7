/*
 * The service of the guest live update (lu_proto.h). The old instance publishes grant 0 over its
 * whole address space, leaves an asynsend pending for the client, and asks RS to update it. The
 * answer comes to the new instance, a fork of the old one, now at the old endpoint.
 */
#include "lu_proto.h"

static volatile int state;
static cp_grant_t grants[1];

static void new_instance(endpoint_t old)
{
	struct jinx_procinfo client;

	plan(4);
	state = 0;              /* forget: the state must come from the old image */
	CHECK_EQ("state_transfer_reads_the_old_image_through_grant_0",
		sys_safecopyfrom(old, 0, (vir_bytes) &state, (vir_bytes) &state, sizeof(state)), OK);
	CHECK_EQ("the_transferred_state_is_the_old_instances", state, 42);
	CHECK_EQ("the_new_instance_runs_at_the_old_endpoint", sef_self(), LU_SVC);
	/* Scenario 39's race: the client already looked for our message (and found no table). */
	sys_getprocinfo(LU_CLIENT, &client);
	CHECK("the_client_waits_in_receive_before_the_reload", client.rts_flags == RTS_RECEIVING && client.getfrom == ANY);
	senda_reload();         /* register the table copied with the data section: the client gets its message */
}

int main(void)
{
	message m;
	int status;

	state = 42;
	grants[0].cp_seq = 0;
	grants[0].cp_u.cp_direct.cp_who_to = ANY;
	grants[0].cp_u.cp_direct.cp_start = 0;
	grants[0].cp_u.cp_direct.cp_len = 0xFFFFFFFF;
	grants[0].cp_flags = CPF_VALID | CPF_DIRECT | CPF_READ;
	sys_setgrant(grants, 1);

	memset(&m, 0, sizeof(m));
	m.m_type = LU_DATA;
	m.m1_i1 = 39;
	asynsend(LU_CLIENT, &m);                /* the client is not receiving from us: it stays pending */

	memset(&m, 0, sizeof(m));
	m.m_type = LU_READY;
	_sendrec(LU_RS, &m);
	if (m.m_type != LU_NEW) {
		return 1;                       /* the old instance is never answered in this test */
	}
	new_instance(m.m1_i1);
	memset(&m, 0, sizeof(m));
	m.m_type = LU_SVC_DONE;
	m.m1_i1 = state;
	_send(LU_RS, &m);
	while (_receive(LU_RS, &m, &status) == OK && m.m_type != LU_QUIT) {
	}
	return check_done();
}
