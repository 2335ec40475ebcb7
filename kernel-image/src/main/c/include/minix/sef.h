/*
 * SEF, the System Event Framework (MINIX libsys names; spec 5.2-5.5, 5.8): the library inside
 * a system service that talks to RS. sef_startup waits for RS_INIT and runs the init callback
 * for a fresh start, a live update or a restart; sef_receive wraps the service's top-of-loop
 * RECEIVE and runs the live-update state machine on the way (lib/sef.c, lib/sef_liveupdate.c).
 */
#ifndef _MINIX_SEF_H
#define _MINIX_SEF_H

#include <minix/ipc.h>
#include <minix/safecopies.h>

/* Init types (RS_INIT type) and init flags (RS_INIT flags, with the LU flags below). */
#define SEF_INIT_FRESH 0
#define SEF_INIT_LU 1
#define SEF_INIT_RESTART 2
#define SEF_INIT_CRASH 0x1
#define SEF_INIT_FAIL 0x2
#define SEF_INIT_TIMEOUT 0x4
#define SEF_INIT_DEFCB 0x8
#define SEF_INIT_SCRIPT_RESTART 0x10
#define SEF_INIT_ST 0x20

/* Live-update states (RS_LU_PREPARE state): what "quiescent" means for this update. */
#define SEF_LU_STATE_NULL 0             /* no update; as a request: cancel */
#define SEF_LU_STATE_WORK_FREE 1        /* ready at the next top-of-loop receive */
#define SEF_LU_STATE_REQUEST_FREE 2
#define SEF_LU_STATE_PROTOCOL_FREE 3
#define SEF_LU_STATE_EVAL 4             /* an expression; Jinx has no evaluator (answers ENOSYS) */
#define SEF_LU_STATE_UNREACHABLE 5      /* never ready (debug) */
#define SEF_LU_STATE_PREPARE_CRASH 6    /* panic (debug) */
#define SEF_LU_STATE_LAST SEF_LU_STATE_PREPARE_CRASH
#define SEF_LU_STATE_CUSTOM_BASE 7      /* and up: the service's prepare callback decides */
#define SEF_LU_STATE_IS_STANDARD(s) ((s) > SEF_LU_STATE_NULL && (s) < SEF_LU_STATE_CUSTOM_BASE)
#define SEF_LU_STATE_IS_DEBUG(s) ((s) == SEF_LU_STATE_UNREACHABLE || (s) == SEF_LU_STATE_PREPARE_CRASH)

/* Live-update flags (RS_LU_PREPARE flags; passed on as init flags). */
#define SEF_LU_SELF 0x100
#define SEF_LU_ASR 0x200
#define SEF_LU_MULTI 0x400
#define SEF_LU_INCLUDES_VM 0x800
#define SEF_LU_INCLUDES_RS 0x1000
#define SEF_LU_PREPARE_ONLY 0x2000
#define SEF_LU_NOMMAP 0x4000
#define SEF_LU_DETACHED 0x8000

/* Grant 0 of every SEF process: its whole address space, read-only, for state transfer (5.5). */
#define SEF_STATE_TRANSFER_GID 0

/*
 * What RS_LU_PREPARE's state_data_gid grants: the optional prepare-time data. IPC filters
 * arrive as an array of ipc_filter_el_t behind ipcf_els_gid: each element's IPCF_EL_BLACKLIST or
 * IPCF_EL_WHITELIST bit says which kind of filter it belongs to, a run of elements of one kind
 * is one filter, and an element with flags 0 ends a filter early. EVAL expressions are not
 * supported (no expression evaluator): eval_len must be 0.
 */
typedef struct {
	int size;                       /* sizeof(rs_state_data_t), checked */
	cp_grant_id_t ipcf_els_gid;     /* GRANT_INVALID: no filters */
	int ipcf_els_size;              /* bytes: a whole number of ipc_filter_el_t */
	cp_grant_id_t eval_gid;
	int eval_len;
} rs_state_data_t;

/* What the init callbacks learn from RS_INIT. */
typedef struct {
	int flags;                      /* SEF_INIT_* and SEF_LU_* */
	endpoint_t old_endpoint;        /* live update: where the old image now is (its grant 0) */
	int restarts;
	int prepare_state;
} sef_init_info_t;

typedef int (*sef_cb_init_t)(int type, sef_init_info_t *info);
typedef int (*sef_cb_lu_prepare_t)(int state);
typedef int (*sef_cb_lu_state_isvalid_t)(int state, int flags);
typedef void (*sef_cb_lu_state_changed_t)(int old_state, int state);
typedef int (*sef_cb_lu_state_save_t)(int state, int flags);
typedef int (*sef_cb_lu_response_t)(message *m);

/* Start-up: wait for RS_INIT from RS, run the matching init callback, answer RS. */
void sef_setcb_init_fresh(sef_cb_init_t cb);
void sef_setcb_init_lu(sef_cb_init_t cb);
void sef_setcb_init_restart(sef_cb_init_t cb);
int sef_startup(void);

/* The service's top-of-loop receive: RS_LU_PREPARE is taken here and never returned. */
int sef_receive_status(endpoint_t src, message *m, int *status);
#define sef_receive(src, m) sef_receive_status(src, m, NULL)

/* Live-update callbacks; NULL restores the default. */
void sef_setcb_lu_prepare(sef_cb_lu_prepare_t cb);           /* default: ENOTREADY */
void sef_setcb_lu_state_isvalid(sef_cb_lu_state_isvalid_t cb); /* default: WORK_FREE, EVAL, debug */
void sef_setcb_lu_state_changed(sef_cb_lu_state_changed_t cb);
void sef_setcb_lu_state_save(sef_cb_lu_state_save_t cb);
void sef_setcb_lu_response(sef_cb_lu_response_t cb);         /* default: SENDREC to RS */
int sef_cb_lu_prepare_null(int state);
int sef_cb_lu_state_isvalid_standard(int state, int flags);
int sef_cb_lu_response_rs_reply(message *m);

/* The state machine as the service sees it. */
int sef_lu_state(void);                 /* SEF_LU_STATE_*: NULL when no update is going on */
int sef_lu_last_result(void);           /* how the last update attempt ended here (EINTR, EBUSY, ...) */

/* Identity state transfer: copy [address, address + size) from the old image through grant 0. */
int sef_copy_state_region(sef_init_info_t *info, vir_bytes address, size_t size, vir_bytes dst_address);

/* Used between the two library files. */
int sef_process_init(message *m);
int sef_lu_request(message *m);
void sef_lu_before_receive(void);

#endif
