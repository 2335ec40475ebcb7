/*
 * Spec 7, SENDA scenarios 23-29, 31 and 32 from guest code. Actor A (module 1) owns an 8-entry
 * asynmsg table that the director (module 0) fills entry by entry and registers with SENDA; B, C
 * and D (modules 2-4) receive. Victims are NO_PRIV copies of the director given a system
 * privilege structure of their own: valid endpoints that never receive and can die.
 */
#include "scen_director.h"

#define ENTRIES 8

static void set_entry(int index, endpoint_t dst, unsigned flags, int tag)
{
	command(ACT_A, OP_SET_ENTRY, dst, tag, NONE, index, flags);
	collect(ACT_A);
}

static struct sc_report peek(int index)
{
	command(ACT_A, OP_PEEK_ENTRY, NONE, 0, NONE, index, 0);
	return collect(ACT_A);
}

static int senda(int count)
{
	return run(ACT_A, OP_SENDA, count, 0).result;
}

static void clear_table(void)
{
	for (int i = 0; i < ENTRIES; i++) {
		set_entry(i, NONE, AMF_EMPTY, 0);
	}
	senda(0);
}

static endpoint_t victim(void)
{
	endpoint_t v = spawn();

	sys_privctl(v, SYS_PRIV_SET_SYS, NULL);         /* its own structure; NO_PRIV keeps it still */
	return v;
}

/* 23, 24: delivered at once to a waiting receiver; left pending for a busy one. */
static void immediate_and_pending(void)
{
	struct sc_report r, e;

	act(ACT_B, OP_RECEIVE, ANY, 0);
	await_receiving(ACT_B, ANY);
	set_entry(0, ACT_B, AMF_VALID, 23);
	CHECK_EQ("senda_to_a_waiting_receiver_returns_ok", senda(1), OK);
	r = collect(ACT_B);
	CHECK("senda_delivers_at_once_with_status_16_and_m_source_a",
		r.result == OK && r.status == SENDA && r.m_source == ACT_A && r.tag == 23);
	e = peek(0);
	CHECK("the_delivered_entry_is_valid_done_with_result_ok",
		e.entry_flags == (AMF_VALID | AMF_DONE) && e.entry_result == OK);
	CHECK_EQ("a_table_with_nothing_pending_is_not_registered", privinfo(ACT_A).s_asynsize, 0);

	clear_table();
	set_entry(0, ACT_B, AMF_VALID, 24);
	CHECK_EQ("senda_to_a_busy_receiver_returns_ok", senda(1), OK);
	CHECK_EQ("the_pending_entry_stays_valid_only", peek(0).entry_flags, AMF_VALID);
	CHECK("the_receiver_gets_the_senders_hint_bit", has_bit(privinfo(ACT_B).s_asyn_pending, priv_id(ACT_A)));
	CHECK_EQ("the_senders_table_is_registered", privinfo(ACT_A).s_asynsize, 1);
	r = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("the_later_receive_gets_it_with_status_16", r.status == SENDA && r.m_source == ACT_A && r.tag == 24);
	e = peek(0);
	CHECK("then_the_entry_is_done_ok", e.entry_flags == (AMF_VALID | AMF_DONE) && e.entry_result == OK);
}

/* 25, 26, 27: a dead destination, an unknown flag, SELF and a kernel task. */
static void bad_entries(void)
{
	struct sc_report r, e;
	endpoint_t dead = victim();

	sys_clear(dead);
	clear_table();
	set_entry(0, dead, AMF_VALID | AMF_NOTIFY_ERR, 25);
	senda(1);
	e = peek(0);
	CHECK("an_entry_for_a_dead_endpoint_is_done_with_edeadsrcdst",
		e.entry_flags == (AMF_VALID | AMF_NOTIFY_ERR | AMF_DONE) && e.entry_result == EDEADSRCDST);
	r = run(ACT_A, OP_RECEIVE, ANY, 0);
	CHECK("notify_err_brings_a_notify_from_asyncm",
		r.m_source == ASYNCM && r.m_type == NOTIFY_MESSAGE && r.status == NOTIFY);

	clear_table();
	act(ACT_B, OP_RECEIVE, ANY, 0);
	await_receiving(ACT_B, ANY);
	set_entry(0, ACT_B, AMF_VALID | 0x40, 26);
	CHECK_EQ("senda_with_an_unknown_flag_returns_ok", senda(1), OK);
	CHECK_EQ("senda_skips_an_unknown_flag_entry_without_marking_it", peek(0).entry_flags, AMF_VALID | 0x40);
	CHECK("the_bad_entry_is_not_delivered", is_receiving(ACT_B, ANY));
	run(ACT_C, OP_SEND, ACT_B, 260);
	collect(ACT_B);
	clear_table();
	set_entry(1, ACT_B, AMF_VALID, 262);
	senda(2);
	set_entry(0, ACT_B, AMF_VALID | 0x40, 261);     /* written after the SENDA: the receiver's scan meets it */
	r = run(ACT_B, OP_RECEIVE, ANY, 0);
	e = peek(0);
	CHECK("the_receivers_scan_marks_the_bad_entry_done_with_einval",
		e.entry_flags == (AMF_VALID | 0x40 | AMF_DONE) && e.entry_result == EINVAL);
	CHECK("the_good_entry_behind_it_is_delivered", r.tag == 262 && r.status == SENDA);

	clear_table();
	set_entry(0, SELF, AMF_VALID, 271);
	set_entry(1, CLOCK, AMF_VALID, 272);
	senda(2);
	e = peek(1);
	CHECK("an_entry_for_a_kernel_task_is_done_with_ecalldenied",
		e.entry_flags == (AMF_VALID | AMF_DONE) && e.entry_result == ECALLDENIED);
	r = run(ACT_A, OP_RECEIVE, ANY, 0);
	CHECK("an_entry_for_self_is_delivered_to_the_sender_itself",
		r.m_source == ACT_A && r.tag == 271 && r.status == SENDA);
	CHECK_EQ("the_self_entry_is_then_done", peek(0).entry_flags, AMF_VALID | AMF_DONE);
}

/* 28: AMF_NOREPLY keeps an entry from being taken as a SENDREC's reply. */
static void noreply(void)
{
	struct sc_report r;

	clear_table();
	act(ACT_B, OP_SENDREC, ACT_A, 280);
	await_sending(ACT_B, ACT_A);
	run(ACT_A, OP_RECEIVE, ACT_B, 0);
	await_receiving(ACT_B, ACT_A);
	set_entry(0, ACT_B, AMF_VALID | AMF_NOREPLY, 281);
	senda(1);
	CHECK("a_noreply_entry_does_not_satisfy_a_sendrec_reply", is_receiving(ACT_B, ACT_A));
	CHECK_EQ("the_noreply_entry_stays_pending", peek(0).entry_flags, AMF_VALID | AMF_NOREPLY);
	run(ACT_A, OP_SEND, ACT_B, 282);
	r = collect(ACT_B);
	CHECK("the_sendrec_gets_the_real_reply", r.tag == 282 && r.m_source == ACT_A);
	r = run(ACT_B, OP_RECEIVE, ANY, 0);
	CHECK("the_noreply_entry_arrives_at_the_next_plain_receive", r.tag == 281 && r.status == SENDA);

	act(ACT_B, OP_SENDREC, ACT_A, 283);
	await_sending(ACT_B, ACT_A);
	run(ACT_A, OP_RECEIVE, ACT_B, 0);
	await_receiving(ACT_B, ACT_A);
	set_entry(1, ACT_B, AMF_VALID, 284);
	senda(2);
	r = collect(ACT_B);
	CHECK("an_entry_without_noreply_satisfies_the_sendrec_reply", r.result == OK && r.tag == 284 && r.m_source == ACT_A);
}

/* 29: three entries for B arrive in table order, one per receive. */
static void table_order(void)
{
	struct sc_report r1, r2, r3;

	clear_table();
	for (int i = 0; i < 3; i++) {
		set_entry(i, ACT_B, AMF_VALID, 291 + i);
	}
	senda(3);
	r1 = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK("one_receive_takes_one_entry", peek(1).entry_flags == AMF_VALID && peek(2).entry_flags == AMF_VALID);
	r2 = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	r3 = run(ACT_B, OP_RECEIVE, ACT_A, 0);
	CHECK("entries_for_one_receiver_arrive_in_table_order", r1.tag == 291 && r2.tag == 292 && r3.tag == 293);
}

/* 31: the receiver dies with two entries pending for it (one with NOTIFY) and one for C. */
static void receiver_death(void)
{
	struct sc_report r, e0, e1;
	endpoint_t v = victim();

	clear_table();
	set_entry(0, v, AMF_VALID | AMF_NOTIFY, 311);
	set_entry(1, v, AMF_VALID, 312);
	set_entry(2, ACT_C, AMF_VALID, 313);
	senda(3);
	CHECK_EQ("the_dying_receivers_entries_are_pending", peek(0).entry_flags, AMF_VALID | AMF_NOTIFY);
	sys_clear(v);
	e0 = peek(0);
	e1 = peek(1);
	CHECK("a_dead_receivers_entries_are_done_with_edeadsrcdst",
		(e0.entry_flags & AMF_DONE) && e0.entry_result == EDEADSRCDST && (e1.entry_flags & AMF_DONE)
		&& e1.entry_result == EDEADSRCDST);
	CHECK_EQ("the_entry_for_c_stays_pending", peek(2).entry_flags, AMF_VALID);
	CHECK_EQ("the_table_stays_registered_for_c", privinfo(ACT_A).s_asynsize, 3);
	r = run(ACT_A, OP_RECEIVE, ANY, 0);
	CHECK("the_sender_gets_one_asyncm_notify", r.m_source == ASYNCM && r.m_type == NOTIFY_MESSAGE);
	CHECK("no_second_asyncm_notify_is_pending", !has_bit(privinfo(ACT_A).s_notify_pending, 0));
	r = run(ACT_C, OP_RECEIVE, ANY, 0);
	CHECK("c_still_gets_its_entry", r.tag == 313 && r.status == SENDA && r.m_source == ACT_A);
}

/*
 * 32: a fixed-seed random interleaving of table entries (with SENDA re-registering the whole
 * table, as senda_reload does), receives by B, C and D, and deaths of a victim. At the end every
 * entry for a live receiver must have been delivered exactly once, and every other entry must
 * be done with EDEADSRCDST: no message is stranded.
 */
#define STEPS 120
#define NR_RECV 3

static unsigned seed = 32;

static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

struct entry_state {
	int tag;                /* 0: free */
	endpoint_t dst;
	int dead_dst;           /* its destination was a victim */
};

static struct entry_state mirror[ENTRIES];
static int delivered[STEPS + 1];
static int to_victim[STEPS + 1];
static int waiting[NR_RECV];
static int bad_delivery;

static void record(struct sc_report r)
{
	if (r.m_type == SC_DATA && r.status == SENDA && r.m_source == ACT_A && r.tag > 0 && r.tag <= STEPS) {
		delivered[r.tag]++;
	} else if (!(r.m_type == SC_DATA && r.tag == 0)) {
		bad_delivery++;
	}
}

/* True once who's commanded call has ended: its report is in, or on its way to us. */
static int has_report(endpoint_t who)
{
	return reported[_ENDPOINT_P(who)] || is_sending(who, DIRECTOR);
}

/* Collects a waiting receiver's report if its receive has completed. */
static void poll_receiver(int i)
{
	endpoint_t who = ACT_B + i;

	if (waiting[i] && has_report(who)) {
		record(collect(who));
		waiting[i] = 0;
	}
}

static void random_interleaving(void)
{
	endpoint_t v = victim();
	int tag = 0, done_ok = 1, deaths = 0;

	clear_table();
	for (int step = 0; step < STEPS; step++) {
		unsigned what = rnd(20);
		if (what < 9) {
			int i = rnd(ENTRIES);
			if (mirror[i].tag != 0 && !(peek(i).entry_flags & AMF_DONE)) {
				continue;       /* never reuse an entry before DONE */
			}
			unsigned d = rnd(NR_RECV + 1);
			mirror[i].tag = ++tag;
			mirror[i].dst = d < NR_RECV ? ACT_B + (int) d : v;
			mirror[i].dead_dst = d == NR_RECV;
			to_victim[tag] = d == NR_RECV;
			set_entry(i, mirror[i].dst, AMF_VALID, tag);
			senda(ENTRIES);
		} else if (what < 17) {
			int i = rnd(NR_RECV);
			poll_receiver(i);
			if (!waiting[i]) {
				act(ACT_B + i, OP_RECEIVE, rnd(2) ? ANY : ACT_A, 0);
				waiting[i] = 1;
			}
		} else {
			sys_clear(v);
			v = victim();
			deaths++;
		}
		for (int i = 0; i < NR_RECV; i++) {
			poll_receiver(i);
		}
	}
	sys_clear(v);
	/* Drain: every live receiver receives until its share is in, then is released by a send. */
	tickdelay(2);
	for (int i = 0; i < NR_RECV; i++) {
		endpoint_t who = ACT_B + i;
		poll_receiver(i);
		for (int e = 0; e < ENTRIES; e++) {
			while (mirror[e].tag != 0 && mirror[e].dst == who && delivered[mirror[e].tag] == 0) {
				if (!waiting[i]) {
					act(who, OP_RECEIVE, ANY, 0);
					waiting[i] = 1;
				}
				tickdelay(1);
				if (!has_report(who)) {
					break;  /* nothing came: stranded */
				}
				poll_receiver(i);
			}
		}
		if (waiting[i]) {
			run(ACT_A, OP_SEND, who, 0);    /* tag 0: the release, not an entry */
			record(collect(who));
			waiting[i] = 0;
		}
	}
	int stranded = 0, twice = 0;
	for (int t = 1; t <= tag; t++) {
		twice += delivered[t] > 1;
		stranded += !to_victim[t] && delivered[t] == 0;
	}
	for (int e = 0; e < ENTRIES; e++) {
		if (mirror[e].tag == 0) {
			continue;
		}
		struct sc_report p = peek(e);
		if (mirror[e].dead_dst) {
			done_ok &= (p.entry_flags & AMF_DONE) && p.entry_result == EDEADSRCDST;
		} else {
			done_ok &= p.entry_flags == (AMF_VALID | AMF_DONE) && p.entry_result == OK;
		}
	}
	int got = 0, dead = 0;
	for (int t = 1; t <= tag; t++) {
		got += delivered[t];
		dead += to_victim[t];
	}
	printf("# interleaving: %d entries, %d delivered, %d for victims, %d deaths\n", tag, got, dead, deaths);
	CHECK("random_interleaving_used_every_kind_of_step", tag > 20 && dead > 0 && deaths > 0);
	CHECK_EQ("random_interleaving_strands_no_message", stranded, 0);
	CHECK_EQ("random_interleaving_delivers_nothing_twice", twice, 0);
	CHECK_EQ("random_interleaving_deliveries_are_senda_from_a", bad_delivery, 0);
	CHECK("random_interleaving_leaves_every_entry_done", done_ok);
}

int main(void)
{
	plan(10 + 10 + 5 + 2 + 7 + 5);
	immediate_and_pending();
	bad_entries();
	noreply();
	table_order();
	receiver_death();
	random_interleaving();
	quit_actors(4);
	return check_done();
}
