/*
 * Spec 7, scenarios 19, 20 and 22 from guest code: notifications coalesce, and a receive from ANY
 * takes pending notifications lowest priv id first, before queued sends. The director
 * (module 0) commands the actors A..D (modules 1-4, static priv ids 6..9).
 */
#include "scen_director.h"

/* 19: five notifies while B is busy are one message. */
static void coalescing(void)
{
	struct sc_report r;
	int ok = 1;

	for (int i = 0; i < 5; i++) {
		ok &= run(ACT_A, OP_NOTIFY, ACT_B, 0).result == OK;
	}
	CHECK("five_notifies_to_a_busy_process_return_ok", ok);
	CHECK("the_notify_is_pending_as_one_bit", has_bit(privinfo(ACT_B).s_notify_pending, priv_id(ACT_A)));
	r = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("notify_coalesces_five_into_one",
		r.result == OK && r.m_type == NOTIFY_MESSAGE && r.m_source == ACT_A && r.status == NOTIFY);
	CHECK("the_bit_is_cleared_by_the_delivery", !has_bit(privinfo(ACT_B).s_notify_pending, priv_id(ACT_A)));
	act(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("after_the_one_notify_the_next_receive_blocks", await_receiving(ACT_B, ANY));
	run(ACT_C, OP_SEND, ACT_B, 19);
	r = collect(ACT_B);
	CHECK("the_blocked_receive_then_takes_a_send", r.m_source == ACT_C && r.tag == 19 && r.status == SEND);
}

/* 20: C (priv id 8) notifies before A (priv id 6); D's send is queued before both. */
static void order(void)
{
	struct sc_report r1, r2, r3;

	CHECK("a_and_c_have_their_static_priv_ids", priv_id(ACT_A) == 6 && priv_id(ACT_C) == 8);
	act(ACT_D, OP_SEND, ACT_B, 20);
	await_sending(ACT_D, ACT_B);
	run(ACT_C, OP_NOTIFY, ACT_B, 0);
	run(ACT_A, OP_NOTIFY, ACT_B, 0);
	r1 = run(ACT_B, OP_RECEIVE, ANY, 0);
	r2 = run(ACT_B, OP_RECEIVE, ANY, 0);
	r3 = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("receive_any_takes_the_lowest_priv_id_notify_first",
		r1.m_type == NOTIFY_MESSAGE && r1.m_source == ACT_A && r1.status == NOTIFY);
	CHECK("then_the_higher_priv_id_notify",
		r2.m_type == NOTIFY_MESSAGE && r2.m_source == ACT_C && r2.status == NOTIFY);
	CHECK("queued_sends_come_after_pending_notifies",
		r3.m_type == SC_DATA && r3.m_source == ACT_D && r3.tag == 20 && r3.status == SEND);
	collect(ACT_D);
}

int main(void)
{
	plan(1 + 6 + 4);
	CHECK_EQ("notify_to_self_is_call_denied", _notify(DIRECTOR), ECALLDENIED);      /* 22 */
	coalescing();
	order();
	quit_actors(4);
	return check_done();
}
