/*
 * SEF's live-update state machine in the old instance (spec 5.3, 5.8):
 *
 *   IDLE --RS_LU_PREPARE{state}--> REQUESTED --ready at a top-of-loop receive--> PREPARED
 *     ^          (filters installed)    |        (RS_LU_PREPARE{result} by SENDREC)   |
 *     |                                 | RS_LU_PREPARE{NULL}: cancel, no reply         |
 *     +---------------------------------+----- the SENDREC returns: error or cancel ----+
 *
 * Back to IDLE always means the same three things: state NULL, IPC filters cleared, and
 * senda_reload, because a rolled-back image's asynsend hints may have been lost while the new
 * image held its endpoint (5.8 case 2). A successful update never returns to the old image; the
 * new image, a copy of the old one made while it was PREPARED, wakes inside that same SENDREC
 * with RS_INIT as its answer and runs the live-update init from there.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <minix/com.h>
#include <minix/const.h>
#include <minix/endpoint.h>
#include <minix/sef.h>
#include <minix/syslib.h>
#include <minix/sysutil.h>
#include <minix/type.h>

enum lu_phase { LU_IDLE, LU_REQUESTED, LU_PREPARED };

static enum lu_phase phase = LU_IDLE;
static int lu_state = SEF_LU_STATE_NULL;
static int lu_flags;
static int last_result = OK;

static sef_cb_lu_prepare_t cb_prepare = sef_cb_lu_prepare_null;
static sef_cb_lu_state_isvalid_t cb_isvalid = sef_cb_lu_state_isvalid_standard;
static sef_cb_lu_state_changed_t cb_changed;
static sef_cb_lu_state_save_t cb_save;
static sef_cb_lu_response_t cb_response = sef_cb_lu_response_rs_reply;

void sef_setcb_lu_prepare(sef_cb_lu_prepare_t cb)
{
	cb_prepare = cb != NULL ? cb : sef_cb_lu_prepare_null;
}

void sef_setcb_lu_state_isvalid(sef_cb_lu_state_isvalid_t cb)
{
	cb_isvalid = cb != NULL ? cb : sef_cb_lu_state_isvalid_standard;
}

void sef_setcb_lu_state_changed(sef_cb_lu_state_changed_t cb)
{
	cb_changed = cb;
}

void sef_setcb_lu_state_save(sef_cb_lu_state_save_t cb)
{
	cb_save = cb;
}

void sef_setcb_lu_response(sef_cb_lu_response_t cb)
{
	cb_response = cb != NULL ? cb : sef_cb_lu_response_rs_reply;
}

int sef_cb_lu_prepare_null(int state)
{
	return ENOTREADY;
}

int sef_cb_lu_state_isvalid_standard(int state, int flags)
{
	return state == SEF_LU_STATE_WORK_FREE || state == SEF_LU_STATE_EVAL || SEF_LU_STATE_IS_DEBUG(state);
}

/* The answer to RS, and the wait for the outcome: returns only if this image goes on. */
int sef_cb_lu_response_rs_reply(message *m)
{
	return _sendrec(RS_PROC_NR, m);
}

int sef_lu_state(void)
{
	return lu_state;
}

int sef_lu_last_result(void)
{
	return last_result;
}

static void set_state(int state)
{
	int old = lu_state;

	lu_state = state;
	if (cb_changed != NULL && old != state) {
		cb_changed(old, state);
	}
}

/* Back to IDLE (see the top): the callback runs last, so it sees the service as it goes on. */
static void lu_reset(void)
{
	int old = lu_state;

	phase = LU_IDLE;
	lu_state = SEF_LU_STATE_NULL;
	lu_flags = 0;
	sys_statectl(SYS_STATE_CLEAR_IPC_FILTERS, NULL, 0);
	senda_reload();
	if (cb_changed != NULL && old != SEF_LU_STATE_NULL) {
		cb_changed(old, SEF_LU_STATE_NULL);
	}
}

/* Installs the filter runs of {els} (see rs_state_data_t), one SYS_STATECTL per run. */
static int install_filters(ipc_filter_el_t *els, int count)
{
	int start = 0;

	while (start < count) {
		int kind = els[start].flags & (IPCF_EL_BLACKLIST | IPCF_EL_WHITELIST);
		int end = start;
		int r;

		if (els[start].flags == 0) {
			start++;
			continue;
		}
		if (kind != IPCF_EL_BLACKLIST && kind != IPCF_EL_WHITELIST) {
			return EINVAL;
		}
		while (end < count && els[end].flags != 0
				&& (els[end].flags & (IPCF_EL_BLACKLIST | IPCF_EL_WHITELIST)) == kind) {
			end++;
		}
		r = sys_statectl(kind == IPCF_EL_WHITELIST ? SYS_STATE_ADD_IPC_WL_FILTER : SYS_STATE_ADD_IPC_BL_FILTER,
			&els[start], (end - start) * (int) sizeof(ipc_filter_el_t));
		if (r != OK) {
			return r;
		}
		start = end;
	}
	return OK;
}

/* The prepare-time data RS granted (5.3 step 1): only IPC filters in Jinx. */
static int fetch_state_data(cp_grant_id_t gid)
{
	static ipc_filter_el_t els[IPCF_MAX_ELEMENTS];
	rs_state_data_t sd;
	int r;

	if (gid == GRANT_INVALID) {
		return OK;
	}
	if ((r = sys_safecopyfrom(RS_PROC_NR, gid, 0, (vir_bytes) &sd, sizeof(sd))) != OK) {
		return r;
	}
	if (sd.size != (int) sizeof(sd) || sd.eval_len != 0) {
		return EINVAL;
	}
	if (sd.ipcf_els_gid == GRANT_INVALID) {
		return OK;
	}
	if (sd.ipcf_els_size <= 0 || sd.ipcf_els_size % (int) sizeof(ipc_filter_el_t) != 0
			|| sd.ipcf_els_size > (int) sizeof(els)) {
		return EINVAL;
	}
	if ((r = sys_safecopyfrom(RS_PROC_NR, sd.ipcf_els_gid, 0, (vir_bytes) els, sd.ipcf_els_size)) != OK) {
		return r;
	}
	return install_filters(els, sd.ipcf_els_size / (int) sizeof(ipc_filter_el_t));
}

/*
 * Ready (5.3 step 3): answer RS_LU_PREPARE{state, result} by SENDREC and block. The SENDREC
 * returns in the old image only when the update did not happen: RS's error as the m_type, or
 * RS's cancel (RS_LU_PREPARE) as EINTR. In the new image it returns with RS_INIT.
 */
static void lu_ready(int result)
{
	message m;
	int r;

	if (result == OK && cb_save != NULL) {
		result = cb_save(lu_state, lu_flags);
	}
	memset(&m, 0, sizeof(m));
	m.m_type = RS_LU_PREPARE;
	m.m_rs_update.state = lu_state;
	m.m_rs_update.result = result;
	phase = LU_PREPARED;
	r = cb_response(&m);
	if (r == OK && m.m_type == RS_INIT && m.m_source == RS_PROC_NR) {
		/* The new image: the update went through. It starts with no update of its own. */
		phase = LU_IDLE;
		lu_state = SEF_LU_STATE_NULL;
		lu_flags = 0;
		last_result = OK;
		sef_process_init(&m);
		return;
	}
	last_result = r != OK ? r : m.m_type == RS_LU_PREPARE ? EINTR : m.m_type;
	lu_reset();
}

/* Step 1: an RS_LU_PREPARE from RS, taken by sef_receive. */
int sef_lu_request(message *m)
{
	int state = m->m_rs_update.state;
	int flags = m->m_rs_update.flags;
	int r;

	if (state == SEF_LU_STATE_NULL) {
		if (phase != LU_IDLE) {
			last_result = EINTR;
			lu_reset();             /* a cancel: no answer */
		}
		return OK;
	}
	if (lu_state != SEF_LU_STATE_NULL) {
		lu_ready(EBUSY);                /* already updating: answered at once */
		return EBUSY;
	}
	if (!cb_isvalid(state, flags)) {
		r = cb_isvalid == sef_cb_lu_state_isvalid_standard ? ENOSYS : EINVAL;
		lu_ready(r);
		return r;
	}
	if ((r = fetch_state_data(m->m_rs_update.state_data_gid)) != OK) {
		lu_ready(r);                    /* its way back to IDLE also drops half-installed filters */
		return r;
	}
	lu_flags = flags;
	phase = LU_REQUESTED;
	set_state(state);
	return OK;
}

/* Step 2: is the service ready? OK or an error ends the preparation; ENOTREADY goes on serving. */
void sef_lu_before_receive(void)
{
	int r;

	if (phase != LU_REQUESTED) {
		return;
	}
	switch (lu_state) {
	case SEF_LU_STATE_WORK_FREE:
		r = OK;
		break;
	case SEF_LU_STATE_UNREACHABLE:
		r = ENOTREADY;
		break;
	case SEF_LU_STATE_PREPARE_CRASH:
		panic("sef: live update state PREPARE_CRASH");
	case SEF_LU_STATE_EVAL:
		r = ENOSYS;
		break;
	default:
		r = cb_prepare(lu_state);
		break;
	}
	if (r != ENOTREADY) {
		lu_ready(r);
	}
}
