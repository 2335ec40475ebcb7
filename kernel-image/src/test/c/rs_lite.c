/*
 * rs_lite: the part of RS that runs a live update of one service (spec 5.4), event-driven as RS
 * is. Prepare: RS_LU_PREPARE by asynsend with AMF_NOREPLY (the service may be in a SENDREC to
 * us), and an alarm for prepare_maxtime. Ready with an error: end the update by answering with
 * the error. Ready with OK: fork the service (an identity update), SYS_UPDATE, allow the new
 * image and send it RS_INIT; its RS_INIT answer ends the update and the old image is cleared.
 * A failed init rolls back (SYS_UPDATE with SYS_UPD_ROLLBACK). The alarm first: cancel with RS_LU_PREPARE{NULL}, sent without NOREPLY so that it is the
 * answer if the service is already waiting in its "ready" SENDREC. See rs_lite_proto.h.
 */
#include "rs_lite_proto.h"

static struct {
	int active;
	endpoint_t ep;                  /* the service: its endpoint stays through the swap */
	int state, maxtime, flags;
	int swapped;
	endpoint_t old_image;           /* after the swap: where the old image is */
	int checked;                    /* scenario 45's checks are made on the first plain update */
} upd;

static ipc_filter_el_t whitelist[2];
static rs_state_data_t state_data;
static cp_grant_id_t state_data_gid;
static int my_priv_id;

static void send_prepare(int state, int amflags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = RS_LU_PREPARE;
	m.m_rs_update.state = state;
	m.m_rs_update.prepare_maxtime = upd.maxtime;
	m.m_rs_update.flags = SEF_LU_SELF;
	m.m_rs_update.state_data_gid = state != SEF_LU_STATE_NULL && (upd.flags & RSL_FILTER) ? state_data_gid
		: GRANT_INVALID;
	asynsend3(upd.ep, &m, amflags);
}

static void reply(endpoint_t to, int type)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	_send(to, &m);
}

static void end_update(int result)
{
	message m;

	sys_setalarm(0, 0);
	upd.active = 0;
	upd.swapped = 0;
	memset(&m, 0, sizeof(m));
	m.m_type = RSL_PHASE_END;
	m.m1_i1 = result;
	asynsend(upd.ep, &m);
}

static int is_plain_update(void)
{
	return upd.state == SEF_LU_STATE_WORK_FREE && upd.flags == 0 && !upd.checked;
}

static void start_update(message *req)
{
	struct jinx_privinfo pi;
	struct jinx_procinfo p;

	upd.ep = req->m_source;
	upd.state = req->m1_i1;
	upd.maxtime = req->m1_i2;
	upd.flags = req->m1_i3;
	if (upd.flags & RSL_WITHOUT_NOREPLY) {
		send_prepare(upd.state, 0);     /* the service's SENDREC takes it as its answer */
		return;
	}
	upd.active = 1;
	send_prepare(upd.state, AMF_NOREPLY);
	if (upd.flags & RSL_TWICE) {
		send_prepare(upd.state, AMF_NOREPLY);
	}
	if (is_plain_update()) {
		sys_getprivinfo(upd.ep, &pi);
		sys_getprocinfo(upd.ep, &p);
		CHECK("a_noreply_prepare_waits_while_the_service_awaits_its_sendrec_reply",
			(pi.s_asyn_pending[my_priv_id / 32] & (1u << (my_priv_id % 32))) != 0
			&& p.rts_flags == RTS_RECEIVING && p.getfrom == RS_PROC_NR);
	}
	sys_setalarm(upd.maxtime, 0);
	reply(upd.ep, RSL_STARTED);
}

/* 5.4 steps 4 and 5: the swap, then RS_INIT to the new image at the service's endpoint. */
static void swap(void)
{
	message m;
	endpoint_t t = NONE;
	int forked, priv, updated;

	sys_setalarm(0, 0);
	forked = sys_fork(upd.ep, NONE, &t, 0);
	priv = sys_privctl(t, SYS_PRIV_SET_SYS, NULL);
	updated = sys_update(upd.ep, t, 0);
	if (is_plain_update()) {
		CHECK("rs_creates_the_new_instance", forked == OK && priv == OK);
		CHECK_EQ("sys_update_swaps_old_and_new", updated, OK);
	}
	sys_privctl(upd.ep, SYS_PRIV_ALLOW, NULL);
	upd.swapped = 1;
	upd.old_image = t;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_INIT;
	m.m_rs_init.type = SEF_INIT_LU;
	m.m_rs_init.flags = SEF_LU_SELF;
	m.m_rs_init.old_endpoint = t;
	m.m_rs_init.prepare_state = upd.state;
	asynsend(upd.ep, &m);
}

/* The service's RS_LU_PREPARE{result}, sent by SENDREC: it now waits for our answer. */
static void prepared(message *m, int status)
{
	struct jinx_procinfo p;
	int result = m->m_rs_update.result;

	if (!upd.active || m->m_source != upd.ep) {
		reply(m->m_source, EINVAL);     /* not ours: do not leave it waiting */
		return;
	}
	if (upd.flags & RSL_TWICE) {
		CHECK_EQ("rs_gets_ebusy_for_the_second_prepare", result, EBUSY);
	}
	if (result != OK) {
		reply(upd.ep, result);          /* the answer unblocks the service with our error */
		end_update(result);
		return;
	}
	if (is_plain_update()) {
		sys_getprocinfo(upd.ep, &p);
		CHECK("the_service_answers_prepare_ok_by_sendrec", IPC_STATUS_CALL(status) == SENDREC
			&& m->m_rs_update.state == SEF_LU_STATE_WORK_FREE);
		CHECK("the_service_blocks_waiting_for_rs", p.rts_flags == RTS_RECEIVING && p.getfrom == RS_PROC_NR);
	}
	if (!(upd.flags & RSL_HOLD)) {
		swap();
	}
}

/*
 * 5.4 step 6, failure: freeze the new image, swap back, answer the old image (at its endpoint
 * again) with the error, and clear the new image. The failed new image gets no answer.
 */
static void rollback(int result)
{
	int frozen = sys_privctl(upd.ep, SYS_PRIV_DISALLOW, NULL);
	int back = sys_update(upd.ep, upd.old_image, SYS_UPD_ROLLBACK);

	CHECK("rs_rolls_back_with_sys_update_after_a_failed_init", frozen == OK && back == OK);
	reply(upd.ep, result);
	CHECK_EQ("rs_clears_the_failed_new_image", sys_clear(upd.old_image), OK);
	end_update(result);
}

/* 5.4 step 6: the new image's RS_INIT answer. */
static void initialized(message *m)
{
	int result = m->m_rs_init.result;

	if (!upd.swapped || m->m_source != upd.ep) {
		reply(m->m_source, OK);
		return;                         /* a fresh start or a restart */
	}
	if (result != OK) {
		rollback(result);
		return;
	}
	reply(m->m_source, OK);
	if (is_plain_update()) {
		CHECK_EQ("the_new_instance_answers_rs_init_ok", result, OK);
		CHECK_EQ("rs_clears_the_old_image", sys_clear(upd.old_image), OK);
		upd.checked = 1;
	} else {
		sys_clear(upd.old_image);
	}
	end_update(result);
}

int main(void)
{
	message m;
	int status;
	struct jinx_procinfo me;

	plan(10);
	sys_getprocinfo(RS_PROC_NR, &me);
	my_priv_id = me.priv_id;
	whitelist[0].flags = IPCF_MATCH_M_SOURCE | IPCF_EL_WHITELIST;
	whitelist[0].m_source = RS_PROC_NR;
	whitelist[1].flags = IPCF_MATCH_M_SOURCE | IPCF_EL_WHITELIST;
	whitelist[1].m_source = CLOCK;
	state_data.size = sizeof(state_data);
	state_data.ipcf_els_gid = cpf_grant_direct(SVC, (vir_bytes) whitelist, sizeof(whitelist), CPF_READ);
	state_data.ipcf_els_size = sizeof(whitelist);
	state_data.eval_gid = GRANT_INVALID;
	state_data_gid = cpf_grant_direct(SVC, (vir_bytes) &state_data, sizeof(state_data), CPF_READ);

	memset(&m, 0, sizeof(m));
	m.m_type = RS_INIT;
	m.m_rs_init.type = SEF_INIT_FRESH;
	m.m_rs_init.old_endpoint = NONE;
	asynsend(SVC, &m);
	m.m_rs_init.type = SEF_INIT_RESTART;
	m.m_rs_init.restarts = 1;
	asynsend(RESTARTED, &m);

	for (;;) {
		if (_receive(ANY, &m, &status) != OK) {
			return 1;
		}
		if (m.m_source == CLOCK && is_ipc_notify(status)) {
			if (upd.active) {
				send_prepare(SEF_LU_STATE_NULL, 0);     /* prepare_maxtime is over: cancel */
				end_update(EINTR);
			}
		} else if (m.m_type == RSL_UPDATE) {
			start_update(&m);
		} else if (m.m_type == RS_LU_PREPARE) {
			prepared(&m, status);
		} else if (m.m_type == RS_INIT) {
			initialized(&m);
		} else if (m.m_type == RSL_QUIT) {
			return check_done();
		}
	}
}
