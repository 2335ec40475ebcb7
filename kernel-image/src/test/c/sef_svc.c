/*
 * A service built on the SEF library, updated by rs_lite (rs_lite_proto.h): scenarios 45-48 of
 * spec 7, one phase each, in this order: 45's contrast (a prepare without AMF_NOREPLY), 47 (a
 * second prepare), 46 before prepare-done, 46 after it, 45 (a full live update), a rollback
 * (the new image's init fails), 48 (IPC filters during prepare, then a second live update). The service's state lives in {st}: a live update
 * hands it to the new image through grant 0.
 */
#include "rs_lite_proto.h"

enum where { IN_APP, IN_SENDREC, IN_LOOP };
enum phase { PH_OTHER, PH_FILTER };

/* Everything the new image must find again after a live update. */
static struct {
	int marker;                     /* 45: set once, read back after each transfer */
	int fresh_inits, lu_inits, lu_type, lu_old, transfer;
	int changes, changed_to, changed_where;
	int resets, asynsize_at_reset;
	int responses, sent_result, sent_state, answer_type;
	int phase, test_ready;
	int fail_init;                  /* the next new image's init fails (a rollback) */
} st;

static volatile int where;              /* what the service's own code was doing */
static int got, end_result;

#define GOT_END 0x01
#define GOT_PEER_NOTIFY 0x02
#define GOT_PEER_ASYNC 0x04
#define GOT_PEER_SEND 0x08
#define GOT_PEER (GOT_PEER_NOTIFY | GOT_PEER_ASYNC | GOT_PEER_SEND)
#define GOT_PING 0x10

static int init_fresh(int type, sef_init_info_t *info)
{
	st.fresh_inits++;
	return type == SEF_INIT_FRESH ? OK : EINVAL;
}

/* The new image: forget the state, then read it from the old image through its grant 0. */
static int init_lu(int type, sef_init_info_t *info)
{
	memset(&st, 0, sizeof(st));
	st.transfer = sef_copy_state_region(info, (vir_bytes) &st, sizeof(st), (vir_bytes) &st);
	st.lu_inits++;
	st.lu_type = type;
	st.lu_old = info->old_endpoint;
	return st.transfer != OK ? st.transfer : st.fail_init ? EGENERIC : OK;
}

static int isvalid(int state, int flags)
{
	return state == SEF_LU_STATE_TEST || sef_cb_lu_state_isvalid_standard(state, flags);
}

static int prepare(int state)
{
	return state == SEF_LU_STATE_TEST && st.test_ready ? OK : ENOTREADY;
}

static void changed(int old, int state)
{
	struct jinx_privinfo pi;

	if (state != SEF_LU_STATE_NULL) {
		st.changes++;
		st.changed_to = state;
		st.changed_where = where;
		if (st.phase == PH_FILTER) {
			_notify(PEER);          /* the peer sends while the filters are up */
			sys_setalarm(1, 0);
		}
	} else {
		st.resets++;
		sys_getprivinfo(SVC, &pi);
		st.asynsize_at_reset = pi.s_asynsize;
	}
}

/* The default answer to RS, watched: what we answered and what came back. */
static int response(message *m)
{
	int r;

	st.responses++;
	st.sent_result = m->m_rs_update.result;
	st.sent_state = m->m_rs_update.state;
	r = sef_cb_lu_response_rs_reply(m);
	st.answer_type = m->m_type;
	return r;
}

static int request(int state, int maxtime, int flags, message *m)
{
	int r;

	memset(m, 0, sizeof(*m));
	m->m_type = RSL_UPDATE;
	m->m1_i1 = state;
	m->m1_i2 = maxtime;
	m->m1_i3 = flags;
	where = IN_SENDREC;
	r = _sendrec(RS_PROC_NR, m);
	where = IN_APP;
	return r;
}

static void take(message *m, int status)
{
	if (m->m_source == PEER && is_ipc_notify(status)) {
		got |= GOT_PEER_NOTIFY;
	} else if (m->m_source == PEER && m->m_type == PEER_ASYNC) {
		got |= GOT_PEER_ASYNC;
	} else if (m->m_source == PEER && m->m_type == PEER_SEND) {
		got |= GOT_PEER_SEND;
	} else if (m->m_source == SVC && m->m_type == SELF_PING) {
		got |= GOT_PING;
	} else if (m->m_source == RS_PROC_NR && m->m_type == RSL_PHASE_END) {
		got |= GOT_END;
		end_result = m->m1_i1;
	}
}

/* Serves until everything in {want} came, or {ticks} passed. */
static int collect(int want, int ticks)
{
	message m;
	int status;

	got = 0;
	sys_setalarm(ticks, 0);
	while ((got & want) != want) {
		where = IN_LOOP;
		if (sef_receive_status(ANY, &m, &status) != OK) {
			break;
		}
		where = IN_APP;
		if (m.m_source == CLOCK && is_ipc_notify(status)) {
			break;
		}
		take(&m, status);
	}
	where = IN_APP;
	sys_setalarm(0, 0);
	return got;
}

/* The peer sends one of each kind; with no filter left, all three must arrive. */
static int peer_round(void)
{
	_notify(PEER);
	return collect(GOT_PEER, 120) & GOT_PEER;
}

/* An asynsend to ourselves, pending, whose registration is then dropped: only senda_reload brings it. */
static void lose_registration(void)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = SELF_PING;
	asynsend(SELF, &m);
	_senda(NULL, 0);
}

static void contrast_45(void)
{
	message m;
	int r = request(SEF_LU_STATE_WORK_FREE, 0, RSL_WITHOUT_NOREPLY, &m);

	CHECK("without_noreply_the_prepare_is_swallowed_as_the_sendrec_reply", r == OK && m.m_type == RS_LU_PREPARE
		&& m.m_source == RS_PROC_NR && st.changes == 0 && sef_lu_state() == SEF_LU_STATE_NULL);
}

static void second_prepare_47(void)
{
	message m;
	int responses = st.responses;

	request(SEF_LU_STATE_TEST, 600, RSL_TWICE, &m);
	collect(GOT_END, 300);
	CHECK("a_second_prepare_while_not_null_is_answered_ebusy", st.responses == responses + 1
		&& st.sent_result == EBUSY && st.sent_state == SEF_LU_STATE_TEST);
	CHECK("after_ebusy_the_update_ends_and_the_state_is_null", (got & GOT_END) && end_result == EBUSY
		&& sef_lu_last_result() == EBUSY && sef_lu_state() == SEF_LU_STATE_NULL);
}

static void cancel_before_prepare_done_46(void)
{
	message m;
	int responses = st.responses, resets = st.resets;

	lose_registration();
	request(SEF_LU_STATE_TEST, 20, RSL_FILTER, &m);
	collect(GOT_END | GOT_PING, 300);
	CHECK("cancel_before_prepare_done_arrives_as_a_normal_message", (got & GOT_END) && end_result == EINTR
		&& st.responses == responses && st.resets == resets + 1 && st.changed_to == SEF_LU_STATE_TEST
		&& sef_lu_last_result() == EINTR && sef_lu_state() == SEF_LU_STATE_NULL);
	CHECK("cancel_before_prepare_done_calls_senda_reload", (got & GOT_PING) && st.asynsize_at_reset > 0);
	CHECK_EQ("cancel_before_prepare_done_clears_the_ipc_filters", peer_round(), GOT_PEER);
}

static void cancel_after_prepare_done_46(void)
{
	message m;
	int responses = st.responses, resets = st.resets;

	lose_registration();
	request(SEF_LU_STATE_WORK_FREE, 10, RSL_FILTER | RSL_HOLD, &m);
	collect(GOT_END | GOT_PING, 300);
	CHECK("cancel_after_prepare_done_arrives_as_the_sendrec_reply", (got & GOT_END) && end_result == EINTR
		&& st.responses == responses + 1 && st.sent_result == OK && st.answer_type == RS_LU_PREPARE
		&& st.resets == resets + 1 && sef_lu_last_result() == EINTR && sef_lu_state() == SEF_LU_STATE_NULL);
	CHECK("cancel_after_prepare_done_calls_senda_reload", (got & GOT_PING) && st.asynsize_at_reset > 0);
	CHECK_EQ("cancel_after_prepare_done_clears_the_ipc_filters", peer_round(), GOT_PEER);
}

static void live_update_45(void)
{
	message m;
	endpoint_t me = NONE;
	int changes = st.changes, responses = st.responses;
	int r = request(SEF_LU_STATE_WORK_FREE, 600, 0, &m);

	CHECK("a_noreply_prepare_does_not_satisfy_a_sendrec_to_rs", r == OK && m.m_type == RSL_STARTED
		&& st.changes == changes && sef_lu_state() == SEF_LU_STATE_NULL);
	collect(GOT_END, 600);
	/* From here on this is the new image. */
	CHECK("the_prepare_is_handled_at_the_next_top_of_loop_receive", st.changes == changes + 1
		&& st.changed_to == SEF_LU_STATE_WORK_FREE && st.changed_where == IN_LOOP);
	CHECK("the_service_answers_prepare_ok_with_sendrec_and_blocks", st.responses == responses + 1
		&& st.sent_result == OK && st.sent_state == SEF_LU_STATE_WORK_FREE);
	CHECK("the_live_update_completes", (got & GOT_END) && end_result == OK && sef_lu_state() == SEF_LU_STATE_NULL);
	CHECK("the_new_image_runs_the_live_update_init_callback", st.lu_inits == 1 && st.lu_type == SEF_INIT_LU
		&& st.lu_old != SVC && st.lu_old != NONE);
	CHECK("state_transfer_reads_the_old_image_through_grant_0", st.transfer == OK && st.marker == 45
		&& st.fresh_inits == 1);
	sys_whoami(&me, NULL, 0, NULL);
	CHECK_EQ("the_new_image_runs_at_the_service_endpoint", me, SVC);
}

/* 5.4 step 6 and 5.8 case 2: the new image's init fails, RS swaps back, the old image goes on. */
static void rollback(void)
{
	message m;
	endpoint_t me = NONE;
	int lu_inits = st.lu_inits;

	lose_registration();
	st.fail_init = 1;
	request(SEF_LU_STATE_WORK_FREE, 600, 0, &m);
	collect(GOT_END | GOT_PING, 600);
	st.fail_init = 0;
	sys_whoami(&me, NULL, 0, NULL);
	CHECK("after_a_failed_init_the_old_image_goes_on_with_the_error", (got & GOT_END) && end_result == EGENERIC
		&& sef_lu_last_result() == EGENERIC && sef_lu_state() == SEF_LU_STATE_NULL
		&& st.lu_inits == lu_inits && me == SVC);
	CHECK("after_the_rollback_senda_reload_delivers_the_old_images_pending_message", got & GOT_PING);
}

static void filters_during_prepare_48(void)
{
	message m;
	struct jinx_procinfo p;
	int status, polls = 0, leaked = 0, queued = 0;

	st.phase = PH_FILTER;
	st.test_ready = 0;
	got = 0;
	request(SEF_LU_STATE_TEST, 600, RSL_FILTER, &m);
	for (;;) {
		where = IN_LOOP;
		if (sef_receive_status(ANY, &m, &status) != OK) {
			break;
		}
		where = IN_APP;
		if (m.m_source == CLOCK && is_ipc_notify(status)) {
			if (st.test_ready || ++polls > 100) {
				break;                  /* the deadline, or the peer never got to send */
			}
			sys_getprocinfo(PEER, &p);
			if ((p.rts_flags & RTS_SENDING) && p.sendto == SVC) {
				queued = 1;             /* all three sent: the filters held them */
				st.test_ready = 1;      /* ready at the next top-of-loop receive */
				sys_setalarm(600, 0);
			} else {
				sys_setalarm(1, 0);
			}
			continue;
		}
		if (!st.test_ready && m.m_source != RS_PROC_NR) {
			leaked++;
		}
		take(&m, status);
		if ((got & (GOT_PEER | GOT_END)) == (GOT_PEER | GOT_END)) {
			break;
		}
	}
	where = IN_APP;
	sys_setalarm(0, 0);
	st.phase = PH_OTHER;
	CHECK("during_prepare_only_rs_and_clock_get_through_the_whitelist", queued && leaked == 0);
	CHECK("the_held_notify_arrives_after_the_filters_clear", got & GOT_PEER_NOTIFY);
	CHECK("the_held_asynsend_arrives_after_the_filters_clear", got & GOT_PEER_ASYNC);
	CHECK("the_queued_send_arrives_after_the_filters_clear", got & GOT_PEER_SEND);
	CHECK("the_filtered_update_completes_with_a_second_swap", (got & GOT_END) && end_result == OK
		&& st.lu_inits == 2 && st.marker == 45);
}

int main(void)
{
	message m;

	plan(25);
	st.marker = 45;
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_lu(init_lu);
	sef_setcb_lu_state_isvalid(isvalid);
	sef_setcb_lu_prepare(prepare);
	sef_setcb_lu_state_changed(changed);
	sef_setcb_lu_response(response);
	CHECK_EQ("sef_startup_answers_rs_init", sef_startup(), OK);
	CHECK_EQ("a_fresh_start_runs_the_fresh_init_callback", st.fresh_inits, 1);

	contrast_45();
	second_prepare_47();
	cancel_before_prepare_done_46();
	cancel_after_prepare_done_46();
	live_update_45();
	rollback();
	filters_during_prepare_48();

	memset(&m, 0, sizeof(m));
	m.m_type = RSL_QUIT;
	_send(PEER, &m);
	_send(RS_PROC_NR, &m);
	return check_done();
}
