/*
 * Spec 7, live-update scenarios 40, 41 and 49 from guest code: rollbacks. The director (module
 * 0) plays RS and the actors (scen_actor, modules 1-4) play the rest: A is the service E, whose
 * old instance waits in a SENDREC to RS ("prepare done") while the new instance T, a fork of it
 * given a system privilege structure, is swapped in with SYS_UPDATE and then rolled back. B is
 * the receiver R of E's asynsend entries; C and D are a second receiver and E's other peers.
 */
#include "scen_director.h"

#define E ACT_A
#define R ACT_B

/*
 * Jinx's deliberate divergences from shipped MINIX (spec 5.8, REC), as test flags. Setting one
 * to 0 states shipped MINIX's behaviour instead, and the scenario then fails on Jinx.
 */
#define REC_KERNEL_RELOAD_ON_SWAP 1     /* 40: after a swap the kernel rescans a table its endpoint owns */
#define REC_DUPLICATE_FREE_ROLLBACK 1   /* 41: an entry the new image delivered is not delivered again */

static message m;

static void answer(endpoint_t who, int type, int tag)
{
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	DATA(m)->tag = tag;
	_send(who, &m);
}

/* The old instance is prepare-done: RS takes its SENDREC, and it waits for the answer. */
static void prepare_done(int tag)
{
	int status;

	act(E, OP_SENDREC, DIRECTOR, tag);
	await_sending(E, DIRECTOR);
	_receive(E, &m, &status);
}

/* The new instance: a copy of the old one, given a system structure, still held by NO_PRIV. */
static endpoint_t new_instance(const struct sys_priv_init *init)
{
	endpoint_t t = NONE;

	sys_fork(E, NONE, &t, 0);
	sys_privctl(t, SYS_PRIV_SET_SYS, (void *) init);
	return t;
}

static void set_entry(endpoint_t sender, int index, endpoint_t dst, int tag)
{
	command(sender, OP_SET_ENTRY, dst, tag, NONE, index, AMF_VALID);
	collect(sender);
}

static struct sc_report peek_entry(endpoint_t sender, int index)
{
	command(sender, OP_PEEK_ENTRY, NONE, 0, NONE, index, 0);
	return collect(sender);
}

static int is_rs_error(struct sc_report r)
{
	return r.result == OK && r.m_source == DIRECTOR && r.m_type == EGENERIC;
}

/*
 * 40. E holds an entry for R, who is busy. After the forward swap R's receive finds nothing and
 * clears its hint (the window of 5.8 case 1); the new instance dies before its senda_reload and
 * RS rolls back. SEF's senda_reload in the old instance, after its SENDREC returns with RS's
 * error, is what shipped MINIX needs to wake R; Jinx's kernel has already served R at the swap.
 * Either way R gets the message exactly once.
 */
static void rollback_before_the_new_instances_reload(void)
{
	struct sc_report r;
	endpoint_t t;

	set_entry(E, 0, R, 400);
	run(E, OP_SENDA, 1, 0);
	CHECK("the_entry_for_busy_r_waits_with_rs_hint_for_e_set", has_bit(privinfo(R).s_asyn_pending, priv_id(E)));
	prepare_done(400);
	t = new_instance(NULL);
	CHECK_EQ("the_forward_swap_happens", sys_update(E, t, 0), OK);
	act(R, OP_RECEIVE, ANY, 0);
	CHECK("r_receiving_before_the_new_instances_reload_gets_nothing", await_receiving(R, ANY));
	CHECK("that_receive_leaves_rs_hint_for_e_clear", !has_bit(privinfo(R).s_asyn_pending, priv_id(E)));
	CHECK_EQ("rs_rolls_back_the_new_instance_that_never_reloaded", sys_update(E, t, SYS_UPD_ROLLBACK), OK);
#if REC_KERNEL_RELOAD_ON_SWAP
	CHECK("jinx_serves_r_at_the_rollback_without_the_old_instances_reload", !is_receiving(R, ANY));
#else
	CHECK("without_the_old_instances_reload_r_waits_with_its_hint_clear",
		is_receiving(R, ANY) && !has_bit(privinfo(R).s_asyn_pending, priv_id(E)));
#endif
	answer(E, EGENERIC, 0);
	CHECK("the_old_instances_sendrec_returns_with_rs_error", is_rs_error(collect(E)));
	r = run(E, OP_SENDA, 1, 0);             /* SEF: senda_reload after the update attempt */
	CHECK_EQ("the_old_instances_senda_reload_is_accepted", r.result, OK);
	r = collect(R);
	CHECK("r_receives_the_old_instances_message", r.result == OK && r.status == SENDA && r.m_source == E && r.tag == 400);
	act(R, OP_RECEIVE, ANY, 0);
	CHECK("r_receives_it_exactly_once", await_receiving(R, ANY));
	answer(R, SC_DATA, 401);
	r = collect(R);
	CHECK("the_next_message_r_gets_is_rs_own", r.m_source == DIRECTOR && r.tag == 401);
	r = peek_entry(E, 0);
	CHECK("the_old_tables_entry_is_done_with_ok", (r.entry_flags & AMF_DONE) && r.entry_result == OK);
	sys_clear(t);
}

/*
 * 41. E holds entry 0 for D and entry 1 for R, both busy. After the forward swap the new
 * instance runs, and its senda_reload delivers entry 1 to R (D still does not receive). Its
 * init then fails and RS rolls back. Shipped MINIX uses the old table as it was at swap time and
 * delivers entry 1 a second time; Jinx merges the new image's DONE marks into the old table, so
 * R gets entry 1 once, and entry 0, which nobody delivered, still reaches D once.
 */
static void rollback_after_the_new_instances_reload(void)
{
	struct sc_report r;
	endpoint_t t;

	set_entry(E, 0, ACT_D, 410);
	set_entry(E, 1, R, 411);
	run(E, OP_SENDA, 2, 0);
	prepare_done(410);
	t = new_instance(NULL);
	sys_update(E, t, 0);
	sys_privctl(E, SYS_PRIV_ALLOW, NULL);
	answer(E, SC_DATA, 412);                /* RS_INIT: the new instance wakes in the copied SENDREC */
	r = collect(E);
	CHECK("the_new_instance_runs_at_e", r.result == OK && r.tag == 412);
	act(R, OP_RECEIVE, ANY, 0);
	await_receiving(R, ANY);
	run(E, OP_SENDA, 2, 0);                 /* the new instance's senda_reload */
	r = collect(R);
	CHECK("the_new_instances_reload_delivers_entry_1_to_r", r.status == SENDA && r.m_source == E && r.tag == 411);
	act(R, OP_RECEIVE, ANY, 0);
	await_receiving(R, ANY);

	/* The new instance's init fails: RS freezes it and rolls back. */
	sys_privctl(E, SYS_PRIV_DISALLOW, NULL);
	CHECK_EQ("rs_rolls_back_after_the_new_instances_reload", sys_update(E, t, SYS_UPD_ROLLBACK), OK);
	sys_clear(t);
	answer(E, EGENERIC, 0);
	CHECK("the_old_instance_goes_on_with_rs_error", is_rs_error(collect(E)));
	run(E, OP_SENDA, 2, 0);                 /* SEF: the old instance's senda_reload */
	/* Deliberate divergence (5.8 REC): shipped MINIX delivers entry 1 to R a second time here. */
	CHECK_EQ("entry_1_is_not_delivered_again_after_the_rollback", !is_receiving(R, ANY), REC_DUPLICATE_FREE_ROLLBACK ? 0 : 1);
	r = peek_entry(E, 1);
	CHECK("the_old_tables_entry_1_is_done_with_the_new_instances_result", (r.entry_flags & AMF_DONE) && r.entry_result == OK);
	r = run(ACT_D, OP_RECEIVE, ANY, 0);
	CHECK("entry_0_which_nobody_delivered_reaches_d_from_the_old_table", r.status == SENDA && r.m_source == E && r.tag == 410);
	act(ACT_D, OP_RECEIVE, ANY, 0);
	CHECK("d_gets_entry_0_only_once", await_receiving(ACT_D, ANY));
	answer(ACT_D, SC_DATA, 413);
	collect(ACT_D);
	answer(R, SC_DATA, 414);
	r = collect(R);
	CHECK("the_next_message_r_gets_is_rs_own_not_entry_1", r.m_source == DIRECTOR && r.tag == 414);
}

static int same_map(const bitchunk_t *a, const bitchunk_t *b)
{
	return a[0] == b[0] && a[1] == b[1];
}

static void clear_bit(bitchunk_t *map, int i)
{
	map[i / 32] &= ~(1u << (i % 32));
}

static void set_bit(bitchunk_t *map, int i)
{
	map[i / 32] |= 1u << (i % 32);
}

/* a's bits with b's added and bit `own` removed: the union SYS_UPDATE's step 1 leaves. */
static int is_union(const bitchunk_t *got, const bitchunk_t *a, const bitchunk_t *b, int own)
{
	bitchunk_t u[2] = {a[0] | b[0], a[1] | b[1]};

	clear_bit(u, own);
	return same_map(got, u);
}

/* The async hints, leaving out the two swapped ids (the REC sets those everywhere after a swap). */
static int same_hints_but(const bitchunk_t *a, const bitchunk_t *b, int id1, int id2)
{
	bitchunk_t x[2] = {a[0], a[1]}, y[2] = {b[0], b[1]};

	clear_bit(x, id1);
	clear_bit(x, id2);
	clear_bit(y, id1);
	clear_bit(y, id2);
	return same_map(x, y);
}

static int same_image_fields(struct jinx_procinfo a, struct jinx_procinfo b)
{
	return a.rts_flags == b.rts_flags && a.misc_flags == b.misc_flags && a.getfrom == b.getfrom
		&& a.sendto == b.sendto && a.priority == b.priority && a.quantum == b.quantum
		&& a.user_ticks == b.user_ticks && a.sys_ticks == b.sys_ticks && strcmp(a.name, b.name) == 0;
}

static int same_priv_image_fields(struct jinx_privinfo a, struct jinx_privinfo b)
{
	return a.s_flags == b.s_flags && a.s_trap_mask == b.s_trap_mask && a.s_sig_mgr == b.s_sig_mgr
		&& same_map(a.s_k_call_mask, b.s_k_call_mask) && a.s_asynsize == b.s_asynsize
		&& a.s_grant_entries == b.s_grant_entries;
}

/*
 * 49. Forward swap then rollback with no IPC in between. Both slots carry state of their own
 * (E: a caller, a notification, an async hint, an alarm; T: a notification), and the two
 * images differ in every image-bound field the kernel reports: T gets its own flags, traps,
 * kernel calls, signal manager and send mask, and E first loses its right to send to D, which
 * T has, so that the union of send rights (exception b) shows. Exception (a), the aborted send,
 * cannot arise: the new image cannot be sending when the forward swap takes it.
 */
static void double_swap_restores_both_slots(void)
{
	struct sc_report r, r1, r2, r3;
	struct sys_priv_init ie, it;
	endpoint_t t;
	int d = priv_id(ACT_D);
	int e = priv_id(E);

	struct jinx_privinfo pe = privinfo(E);
	memset(&ie, 0, sizeof(ie));
	ie.s_id = -1;
	ie.s_flags = pe.s_flags;
	ie.s_trap_mask = pe.s_trap_mask;
	ie.s_ipc_to[0] = pe.s_ipc_to[0];
	ie.s_ipc_to[1] = pe.s_ipc_to[1];
	clear_bit(ie.s_ipc_to, d);
	ie.s_k_call_mask[0] = pe.s_k_call_mask[0];
	ie.s_k_call_mask[1] = pe.s_k_call_mask[1];
	ie.s_sig_mgr = pe.s_sig_mgr;
	ie.s_bak_sig_mgr = NONE;
	sys_privctl(E, SYS_PRIV_DISALLOW, NULL);
	sys_privctl(E, SYS_PRIV_SET_SYS, &ie);
	sys_privctl(E, SYS_PRIV_ALLOW, NULL);

	run(E, OP_ALARM, NONE, 5000);
	set_entry(E, 0, ACT_C, 494);
	run(E, OP_SENDA, 1, 0);                 /* C is busy: E's table stays registered */
	prepare_done(490);
	act(ACT_C, OP_SEND, E, 491);
	await_sending(ACT_C, E);
	run(R, OP_NOTIFY, E, 0);
	set_entry(R, 0, E, 492);
	run(R, OP_SENDA, 1, 0);

	memset(&it, 0, sizeof(it));
	it.s_id = -1;
	it.s_flags = BILLABLE | CHECK_IO_PORT;
	it.s_trap_mask = (1 << SEND) | (1 << RECEIVE) | (1 << SENDREC);
	set_bit(it.s_ipc_to, priv_id(DIRECTOR));
	set_bit(it.s_ipc_to, priv_id(R));
	set_bit(it.s_ipc_to, d);
	it.s_k_call_mask[0] = 0x0000FFFF;
	it.s_sig_mgr = DIRECTOR;
	it.s_bak_sig_mgr = NONE;
	t = new_instance(&it);
	run(R, OP_NOTIFY, t, 0);

	struct jinx_procinfo ce0 = procinfo(E), ct0 = procinfo(t);
	struct jinx_privinfo pe0 = privinfo(E), pt0 = privinfo(t);
	CHECK("before_the_swaps_only_the_new_image_may_send_to_d", !has_bit(pe0.s_ipc_to, d) && has_bit(pt0.s_ipc_to, d));

	CHECK_EQ("the_forward_swap_happens_with_no_ipc_after_it", sys_update(E, t, 0), OK);
	CHECK("the_forward_swap_moves_the_images",
		procinfo(E).rts_flags == ct0.rts_flags && privinfo(E).s_sig_mgr == pt0.s_sig_mgr
		&& procinfo(t).rts_flags == ce0.rts_flags && privinfo(t).s_sig_mgr == pe0.s_sig_mgr);
	CHECK_EQ("the_rollback_follows_with_no_ipc_between", sys_update(E, t, SYS_UPD_ROLLBACK), OK);

	struct jinx_procinfo ce1 = procinfo(E), ct1 = procinfo(t);
	struct jinx_privinfo pe1 = privinfo(E), pt1 = privinfo(t);
	int tid = pt0.s_id;

	/* Slot-bound: identical to the start. */
	CHECK("endpoints_and_priv_ids_stay_with_their_slots", ce1.endpt == E && ct1.endpt == t
		&& ce1.priv_id == ce0.priv_id && ct1.priv_id == ct0.priv_id && pe1.s_id == pe0.s_id && pt1.s_id == tid);
	CHECK("pending_notifications_are_identical",
		same_map(pe1.s_notify_pending, pe0.s_notify_pending) && same_map(pt1.s_notify_pending, pt0.s_notify_pending)
		&& has_bit(pe1.s_notify_pending, priv_id(R)) && has_bit(pt1.s_notify_pending, priv_id(R)));
	CHECK("pending_interrupt_bits_are_identical", pe1.s_int_pending == pe0.s_int_pending && pt1.s_int_pending == pt0.s_int_pending);
	/* The REC's conservative hints (5.8) add the swapped ids' bits; every other bit is as it was. */
	CHECK("async_hints_are_identical_but_for_the_two_swapped_ids",
		same_hints_but(pe1.s_asyn_pending, pe0.s_asyn_pending, e, tid)
		&& same_hints_but(pt1.s_asyn_pending, pt0.s_asyn_pending, e, tid) && has_bit(pe1.s_asyn_pending, priv_id(R)));
	CHECK("the_caller_queued_on_e_is_still_there", is_sending(ACT_C, E));

	/* Image-bound: back with their images. */
	CHECK("process_fields_are_back_with_their_images", same_image_fields(ce1, ce0) && same_image_fields(ct1, ct0));
	CHECK("privilege_fields_are_back_with_their_images", same_priv_image_fields(pe1, pe0) && same_priv_image_fields(pt1, pt0));
	/* Exception (b): each update added src's send rights to dst. */
	CHECK("the_old_image_ends_with_the_union_of_both_send_masks", is_union(pe1.s_ipc_to, pe0.s_ipc_to, pt0.s_ipc_to, e));
	CHECK("the_new_image_ends_with_the_union_too", is_union(pt1.s_ipc_to, pt0.s_ipc_to, pe0.s_ipc_to, tid));

	/* The old instance goes on at E, and everything that waited for E is still there. */
	answer(E, SC_DATA, 493);
	r = collect(E);
	CHECK("the_old_instance_gets_rs_answer_after_the_double_swap", r.result == OK && r.tag == 493);
	r = run(E, OP_ALARM, NONE, 0);
	CHECK("the_alarm_stays_with_e_through_both_swaps", r.result == OK && r.tag > 4000 && r.tag <= 5000);
	r1 = run(E, OP_RECEIVE, ANY, 0);
	r2 = run(E, OP_RECEIVE, ANY, 0);
	r3 = run(E, OP_RECEIVE, ANY, 0);
	CHECK("e_then_receives_the_notification_the_async_entry_and_the_queued_message",
		r1.m_type == NOTIFY_MESSAGE && r1.m_source == R && r2.status == SENDA && r2.tag == 492
		&& r3.m_source == ACT_C && r3.tag == 491);
	collect(ACT_C);
	r = run(ACT_C, OP_RECEIVE, ANY, 0);
	CHECK("es_own_pending_entry_still_reaches_c", r.status == SENDA && r.m_source == E && r.tag == 494);
	sys_clear(t);
}

int main(void)
{
	plan(12 + 9 + 17);
	rollback_before_the_new_instances_reload();
	rollback_after_the_new_instances_reload();
	double_swap_restores_both_slots();
	quit_actors(4);
	return check_done();
}
