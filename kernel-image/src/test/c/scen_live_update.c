/*
 * Spec 7, live-update scenarios 36, 37, 38, 42 and 43 from guest code. The director (module 0)
 * plays RS: actor A (module 1) is the service E, blocked in SENDREC to it; the new instance T is
 * a fork of E given a system privilege structure; SYS_UPDATE swaps them and, later, rolls back.
 * B, C and D (modules 2-4) notify E, send to it, have an asynsend entry for it, and serve as
 * the server S that the rolled-back instance was sending to.
 */
#include "scen_director.h"

#define E ACT_A

static message m;

/* 36: the guards, in the order EINVAL, EPERM, EBUSY. */
static void refusals(void)
{
	endpoint_t user_child = spawn();

	CHECK_EQ("update_of_a_bad_endpoint_is_einval", sys_update(_ENDPOINT(5, 200), ACT_B, 0), EINVAL);
	CHECK_EQ("update_with_a_process_that_is_not_sys_proc_is_eperm", sys_update(ACT_B, user_child, 0), EPERM);
	CHECK_EQ("update_of_a_runnable_process_is_ebusy", sys_update(DIRECTOR, ACT_B, 0), EBUSY);
	CHECK_EQ("update_to_a_runnable_process_is_ebusy", sys_update(ACT_B, DIRECTOR, 0), EBUSY);
	act(ACT_C, OP_SEND, ACT_B, 36);
	await_sending(ACT_C, ACT_B);
	CHECK_EQ("update_of_a_sending_process_is_ebusy", sys_update(ACT_C, ACT_D, 0), EBUSY);
	CHECK_EQ("update_to_a_sending_process_is_ebusy", sys_update(ACT_D, ACT_C, 0), EBUSY);
	run(ACT_B, OP_RECEIVE, ACT_C, 0);
	collect(ACT_C);
	sys_clear(user_child);
}

int main(void)
{
	struct sc_report r, r1, r2, r3, r4;
	int status;
	endpoint_t t;

	plan(6 + 22);
	refusals();

	/* E has an alarm far ahead (slot-bound: it must stay with E). */
	run(E, OP_ALARM, NONE, 6000);
	/* E asks RS for its update: a SENDREC whose request RS takes, so E waits in the reply phase. */
	act(E, OP_SENDREC, DIRECTOR, 370);
	await_sending(E, DIRECTOR);
	_receive(E, &m, &status);
	/* Pending IPC for E: two queued senders, a notification, an async entry (43). */
	act(ACT_C, OP_SEND, E, 381);
	await_sending(ACT_C, E);
	act(ACT_D, OP_SEND, E, 382);
	await_sending(ACT_D, E);
	run(ACT_B, OP_NOTIFY, E, 0);
	command(ACT_B, OP_SET_ENTRY, E, 431, NONE, 0, AMF_VALID);
	collect(ACT_B);
	run(ACT_B, OP_SENDA, 1, 0);

	/* 37: the forward swap. */
	sys_fork(E, NONE, &t, 0);
	sys_privctl(t, SYS_PRIV_SET_SYS, NULL);
	CHECK_EQ("sys_update_swaps_the_old_and_the_new_instance", sys_update(E, t, 0), OK);
	CHECK("both_endpoints_stay_where_they_were", procinfo(E).endpt == E && procinfo(t).endpt == t);
	CHECK("the_image_at_e_is_the_new_one", (procinfo(E).rts_flags & RTS_NO_PRIV) != 0);
	struct jinx_procinfo old = procinfo(t);
	CHECK("the_old_image_at_t_still_waits_for_rs_in_the_reply_phase",
		old.rts_flags == RTS_RECEIVING && old.getfrom == DIRECTOR && (old.misc_flags & MF_REPLY_PEND));
	CHECK("the_caller_queue_stays_with_e", is_sending(ACT_C, E) && is_sending(ACT_D, E));
	CHECK("the_pending_notify_stays_with_e", has_bit(privinfo(E).s_notify_pending, priv_id(ACT_B)));
	CHECK("the_async_hint_stays_with_e", has_bit(privinfo(E).s_asyn_pending, priv_id(ACT_B)));

	/* RS lets the new instance run and answers the SENDREC the old one made. */
	sys_privctl(E, SYS_PRIV_ALLOW, NULL);
	memset(&m, 0, sizeof(m));
	m.m_type = SC_DATA;
	DATA(m)->tag = 371;
	_send(E, &m);
	r = collect(E);
	CHECK("the_new_instance_gets_the_reply_to_the_old_ones_sendrec", r.result == OK && r.tag == 371 && r.m_source == DIRECTOR);

	/* 38, 43: the new instance's receives find everything that waited for E. */
	r1 = run(E, OP_RECEIVE, ANY, 0);
	r2 = run(E, OP_RECEIVE, ANY, 0);
	r3 = run(E, OP_RECEIVE, ANY, 0);
	r4 = run(E, OP_RECEIVE, ANY, 0);
	CHECK("the_new_instance_gets_the_pending_notify_first", r1.m_type == NOTIFY_MESSAGE && r1.m_source == ACT_B);
	CHECK("an_async_entry_for_e_reaches_the_new_instance", r2.tag == 431 && r2.status == SENDA && r2.m_source == ACT_B);
	CHECK("senders_blocked_before_the_swap_arrive_in_fifo_order",
		r3.m_source == ACT_C && r3.tag == 381 && r4.m_source == ACT_D && r4.tag == 382);
	collect(ACT_C);
	collect(ACT_D);
	r = run(E, OP_ALARM, NONE, 0);
	CHECK("the_alarm_stays_with_e", r.result == OK && r.tag > 5000 && r.tag <= 6000);

	/* 42: roll back while the new instance is blocked sending to a server. */
	act(E, OP_SEND, ACT_B, 420);
	CHECK("the_new_instance_waits_sending_to_the_server", await_sending(E, ACT_B));
	CHECK_EQ("a_sending_new_instance_cannot_be_rolled_back_unfrozen", sys_update(E, t, SYS_UPD_ROLLBACK), EBUSY);
	CHECK_EQ("rs_freezes_the_new_instance_with_disallow", sys_privctl(E, SYS_PRIV_DISALLOW, NULL), OK);
	CHECK_EQ("the_frozen_new_instance_is_rolled_back_while_sending", sys_update(E, t, SYS_UPD_ROLLBACK), OK);
	CHECK("neither_image_is_sending_after_the_rollback", !is_sending(E, NONE) && !is_sending(t, NONE));
	old = procinfo(E);
	CHECK("the_old_image_is_back_at_e_waiting_for_rs",
		old.rts_flags == RTS_RECEIVING && old.getfrom == DIRECTOR && (old.misc_flags & MF_REPLY_PEND));
	act(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("the_servers_receive_does_not_see_the_aborted_message", await_receiving(ACT_B, ANY));
	run(ACT_C, OP_SEND, ACT_B, 421);
	r = collect(ACT_B);
	CHECK("the_server_gets_the_next_real_message", r.m_source == ACT_C && r.tag == 421);

	CHECK_EQ("the_new_image_is_cleared", sys_clear(t), OK);
	memset(&m, 0, sizeof(m));
	m.m_type = SC_DATA;
	DATA(m)->tag = 422;
	_send(E, &m);
	r = collect(E);
	CHECK("the_old_instance_gets_rs_reply_after_the_rollback", r.result == OK && r.tag == 422);
	quit_actors(4);
	return check_done();
}
