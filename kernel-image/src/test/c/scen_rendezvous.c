/*
 * Spec 7, scenarios 2-5 and 8-18 from guest code: trap validation, rendezvous, FIFO caller
 * queues, SENDNB, SENDREC, deadlock detection and endpoint death. The director (module 0) is
 * "A" itself for the validation checks and commands the actors A..D (modules 1-4) for the rest;
 * scen_user (module 5) is the user process U of scenario 2.
 */
#include "scen_director.h"

#define USER_U 5

static message m;

/* 2: U's outcomes, reported by SENDREC (it has no other trap); the last is left unanswered. */
static void user_checks(void)
{
	static const char *names[] = {
		"user_send_to_a_denied_destination_is_call_denied_before_the_trap_check",
		"user_sendrec_to_a_denied_destination_is_call_denied",
		"user_send_to_an_allowed_destination_is_trap_denied",
	};
	int status;

	for (int i = 0; i < 3; i++) {
		if (_receive(USER_U, &m, &status) != OK || m.m_type != SC_UREPORT || m.m1_i3 != i) {
			printf("not ok %s: no report\n", names[i]);
			continue;
		}
		CHECK_EQ(names[i], m.m1_i1, m.m1_i2);
		if (i < 2) {
			_send(USER_U, &m);
		}
	}
}

/* 3, 4, 5: the director is a system process with full masks. */
static void validation(void)
{
	memset(&m, 0, sizeof(m));
	CHECK_EQ("send_to_any_is_invalid", _send(ANY, &m), EINVAL);
	CHECK_EQ("notify_to_any_is_invalid", _notify(ANY), EINVAL);
	CHECK_EQ("send_to_self_31742_is_dead_src_dst", _send(SELF, &m), EDEADSRCDST);

	endpoint_t old = spawn();
	CHECK_EQ("a_cleared_child_is_gone", sys_clear(old), OK);
	endpoint_t again = spawn();
	CHECK("the_slot_is_reused_with_the_next_generation",
		_ENDPOINT_P(again) == _ENDPOINT_P(old) && _ENDPOINT_G(again) == _ENDPOINT_G(old) + 1);
	CHECK_EQ("send_to_the_right_slot_with_an_old_generation_is_dead_src_dst", _send(old, &m), EDEADSRCDST);
	CHECK_EQ("send_to_a_live_slot_with_a_future_generation_is_dead_src_dst",
		_send(_ENDPOINT(_ENDPOINT_G(ACT_B) + 1, ACT_B), &m), EDEADSRCDST);
	sys_clear(again);

	CHECK_EQ("send_to_clock_is_trap_denied", _send(CLOCK, &m), ETRAPDENIED);
	CHECK_EQ("notify_to_clock_is_trap_denied", _notify(CLOCK), ETRAPDENIED);
	CHECK_EQ("sendnb_to_system_is_trap_denied", _sendnb(SYSTEM, &m), ETRAPDENIED);
	endpoint_t child = spawn();
	sys_privctl(child, SYS_PRIV_SET_SYS, NULL);
	sys_privctl(child, SYS_PRIV_ALLOW, NULL);
	CHECK("receive_from_hardware_blocks_without_error", await_receiving(child, HARDWARE));
	sys_clear(child);
}

/* 8, 9, 10, 11: rendezvous and the caller queue. */
static void rendezvous(void)
{
	struct sc_report ra, rb, rb2;

	act(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("the_receiver_waits_in_receive_any", await_receiving(ACT_B, ANY));
	command(ACT_A, OP_SEND, ACT_B, 8, 1234, 0, 0);
	ra = collect(ACT_A);
	rb = collect(ACT_B);
	CHECK_EQ("send_to_a_waiting_receiver_returns_ok", ra.result, OK);
	CHECK_EQ("the_receiver_returns_ok", rb.result, OK);
	CHECK_EQ("receive_status_of_a_send_is_1", rb.status, 1);
	CHECK_EQ("m_source_is_the_sender_not_the_forged_value", rb.m_source, ACT_A);
	CHECK_EQ("the_receive_buffer_holds_the_message", rb.tag, 8);

	act(ACT_A, OP_SEND, ACT_B, 9);
	CHECK("send_to_a_process_not_receiving_blocks_sending", await_sending(ACT_A, ACT_B));
	rb = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK("receive_from_the_blocked_sender_takes_its_message",
		rb.result == OK && rb.tag == 9 && rb.m_source == ACT_A && rb.status == 1);
	CHECK_EQ("the_released_sender_gets_ok", collect(ACT_A).result, OK);

	act(ACT_A, OP_SEND, ACT_B, 101);
	await_sending(ACT_A, ACT_B);
	act(ACT_C, OP_SEND, ACT_B, 102);
	await_sending(ACT_C, ACT_B);
	rb = run(ACT_B, OP_RECEIVE, ANY, 0);
	rb2 = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("queued_senders_are_received_in_fifo_order",
		rb.m_source == ACT_A && rb.tag == 101 && rb2.m_source == ACT_C && rb2.tag == 102);
	collect(ACT_A);
	collect(ACT_C);
	act(ACT_A, OP_SEND, ACT_B, 103);
	await_sending(ACT_A, ACT_B);
	act(ACT_C, OP_SEND, ACT_B, 104);
	await_sending(ACT_C, ACT_B);
	rb = run(ACT_B, OP_RECEIVE, ACT_C, 0);
	CHECK("receive_from_c_takes_c_although_a_is_queued_ahead", rb.m_source == ACT_C && rb.tag == 104);
	CHECK("the_skipped_sender_stays_queued", is_sending(ACT_A, ACT_B));
	rb = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK_EQ("then_receive_any_takes_the_skipped_sender", rb.tag, 103);
	collect(ACT_A);
	collect(ACT_C);

	ra = run(ACT_A, OP_SENDNB, ACT_B, 11);
	CHECK_EQ("sendnb_to_a_process_not_receiving_is_enotready", ra.result, ENOTREADY);
	CHECK("sendnb_does_not_block_or_queue", !is_sending(ACT_A, NONE));
	act(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK("after_a_failed_sendnb_receive_from_the_sender_blocks", await_receiving(ACT_B, ACT_A));
	run(ACT_A, OP_SEND, ACT_B, 111);
	rb = collect(ACT_B);
	CHECK_EQ("the_receiver_gets_only_the_later_send", rb.tag, 111);
	act(ACT_B, OP_RECEIVE, ANY, 0);
	await_receiving(ACT_B, ANY);
	ra = run(ACT_A, OP_SENDNB, ACT_B, 112);
	rb = collect(ACT_B);
	CHECK("sendnb_to_a_waiting_receiver_delivers_with_status_5", ra.result == OK && rb.tag == 112 && rb.status == 5);
}

/* 12, 13: SENDREC and a notification during its reply phase. */
static void sendrec(void)
{
	struct sc_report ra, rb;

	act(ACT_A, OP_SENDREC, ACT_B, 12);
	await_sending(ACT_A, ACT_B);
	CHECK("a_sendrec_caller_waits_both_sending_and_receiving",
		procinfo(ACT_A).rts_flags == (RTS_SENDING | RTS_RECEIVING));
	rb = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("a_sendrec_request_arrives_with_status_3", rb.status == 3 && rb.m_source == ACT_A && rb.tag == 12);
	CHECK("the_sendrec_caller_then_waits_for_the_reply", await_receiving(ACT_A, ACT_B));
	CHECK("the_sendrec_caller_is_in_the_reply_phase", procinfo(ACT_A).misc_flags & MF_REPLY_PEND);
	CHECK_EQ("the_reply_send_returns_ok", run(ACT_B, OP_SEND, ACT_A, 120).result, OK);
	ra = collect(ACT_A);
	CHECK_EQ("sendrec_returns_ok", ra.result, OK);
	CHECK("sendrec_buffer_holds_the_reply", ra.tag == 120 && ra.m_source == ACT_B);
	CHECK("sendrec_reply_not_status_updated", ra.ebx_kept);

	act(ACT_A, OP_SENDREC, ACT_B, 13);
	await_sending(ACT_A, ACT_B);
	run(ACT_B, OP_RECEIVE, ANY, 0);
	await_receiving(ACT_A, ACT_B);
	CHECK_EQ("notify_to_a_sendrec_caller_returns_ok", run(ACT_B, OP_NOTIFY, ACT_A, 0).result, OK);
	CHECK("a_notify_does_not_satisfy_the_sendrec_reply", is_receiving(ACT_A, ACT_B));
	CHECK("the_notify_stays_pending", has_bit(privinfo(ACT_A).s_notify_pending, priv_id(ACT_B)));
	run(ACT_B, OP_SEND, ACT_A, 130);
	ra = collect(ACT_A);
	CHECK("the_reply_is_the_peers_message_not_the_notify",
		ra.result == OK && ra.m_type == SC_DATA && ra.tag == 130 && ra.m_source == ACT_B);
	ra = run(ACT_A, OP_RECEIVE, ANY, 0);
	CHECK("the_pending_notify_arrives_at_the_next_receive_with_status_4",
		ra.result == OK && ra.m_type == NOTIFY_MESSAGE && ra.m_source == ACT_B && ra.status == 4);
}

/* 14, 15, 16, 17: deadlock detection, and sending to a process that is sending. */
static void deadlocks(void)
{
	struct sc_report r;

	act(ACT_A, OP_SEND, ACT_B, 14);
	await_sending(ACT_A, ACT_B);
	r = run(ACT_B, OP_SEND, ACT_A, 141);
	CHECK_EQ("two_processes_sending_to_each_other_is_elocked", r.result, ELOCKED);
	CHECK("the_elocked_sender_is_not_queued", !is_sending(ACT_B, NONE));
	r = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK_EQ("the_first_senders_message_is_still_there", r.tag, 14);
	collect(ACT_A);

	act(ACT_A, OP_RECEIVE, ACT_B, 0);
	await_receiving(ACT_A, ACT_B);
	r = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK_EQ("two_processes_receiving_from_each_other_is_elocked", r.result, ELOCKED);
	run(ACT_B, OP_SEND, ACT_A, 15);
	CHECK_EQ("the_first_receiver_still_gets_its_message", collect(ACT_A).tag, 15);

	act(ACT_A, OP_SEND, ACT_B, 161);
	await_sending(ACT_A, ACT_B);
	act(ACT_B, OP_SEND, ACT_C, 162);
	await_sending(ACT_B, ACT_C);
	r = run(ACT_C, OP_SEND, ACT_A, 163);
	CHECK_EQ("a_send_closing_a_cycle_of_3_is_elocked", r.result, ELOCKED);
	CHECK("the_third_process_is_not_blocked", !is_sending(ACT_C, NONE));
	r = run(ACT_C, OP_RECEIVE, ACT_A, 0);
	CHECK_EQ("a_receive_closing_a_cycle_of_3_is_elocked", r.result, ELOCKED);
	r = run(ACT_C, OP_RECEIVE, ANY, 0);
	CHECK("receive_any_is_not_checked_and_gets_the_queued_message",
		r.result == OK && r.m_source == ACT_B && r.tag == 162);
	collect(ACT_B);
	run(ACT_B, OP_RECEIVE, ACT_A, 0);
	collect(ACT_A);

	act(ACT_B, OP_SEND, ACT_C, 171);
	await_sending(ACT_B, ACT_C);
	act(ACT_A, OP_SEND, ACT_B, 172);
	CHECK("a_send_to_a_sending_process_queues", await_sending(ACT_A, ACT_B));
	run(ACT_C, OP_RECEIVE, ACT_B, 0);
	collect(ACT_B);
	run(ACT_B, OP_RECEIVE, ACT_A, 0);
	collect(ACT_A);
	act(ACT_B, OP_SENDREC, ACT_C, 173);
	await_sending(ACT_B, ACT_C);
	act(ACT_A, OP_SEND, ACT_B, 174);
	CHECK("a_send_to_a_sendrec_caller_still_sending_queues", await_sending(ACT_A, ACT_B));
	CHECK("the_sendrec_caller_is_still_sending", is_sending(ACT_B, ACT_C));
	run(ACT_C, OP_RECEIVE, ACT_B, 0);
	run(ACT_C, OP_SEND, ACT_B, 175);
	r = collect(ACT_B);
	CHECK("the_sendrec_reply_comes_from_its_peer_not_the_queued_sender", r.m_source == ACT_C && r.tag == 175);
	r = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK_EQ("the_queued_sender_is_received_afterwards", r.tag, 174);
	collect(ACT_A);
}

/* 18: a death releases who waited on the dead, and nobody else. */
static void death(void)
{
	struct sc_report r;
	endpoint_t victim = spawn();

	act(ACT_A, OP_SEND, victim, 181);
	await_sending(ACT_A, victim);
	act(ACT_C, OP_RECEIVE, victim, 0);
	await_receiving(ACT_C, victim);
	act(ACT_D, OP_RECEIVE, ANY, 0);
	await_receiving(ACT_D, ANY);
	CHECK_EQ("sys_clear_of_the_victim_is_ok", sys_clear(victim), OK);
	CHECK_EQ("a_sender_blocked_on_the_dead_gets_edeadsrcdst", collect(ACT_A).result, EDEADSRCDST);
	CHECK_EQ("a_receiver_waiting_for_the_dead_gets_edeadsrcdst", collect(ACT_C).result, EDEADSRCDST);
	CHECK("a_receive_any_is_unaffected_by_the_death", is_receiving(ACT_D, ANY));
	run(ACT_A, OP_SEND, ACT_D, 182);
	r = collect(ACT_D);
	CHECK_EQ("the_receive_any_still_works", r.tag, 182);
}

int main(void)
{
	plan(3 + 11 + 18 + 13 + 14 + 5);
	user_checks();
	validation();
	rendezvous();
	sendrec();
	deadlocks();
	death();
	quit_actors(4);
	return check_done();
}
