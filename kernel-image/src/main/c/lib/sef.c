/*
 * SEF start-up and the service's receive loop (spec 5.3 step 1-2, 5.5). A service calls
 * sef_startup once, then takes every message through sef_receive: RS's live-update requests
 * are handled there and never reach the service's own code.
 */
#include <errno.h>
#include <string.h>
#include <minix/com.h>
#include <minix/endpoint.h>
#include <minix/sef.h>
#include <minix/syslib.h>
#include <minix/sysutil.h>

static sef_cb_init_t cb_init_fresh;
static sef_cb_init_t cb_init_lu;
static sef_cb_init_t cb_init_restart;

void sef_setcb_init_fresh(sef_cb_init_t cb)
{
	cb_init_fresh = cb;
}

void sef_setcb_init_lu(sef_cb_init_t cb)
{
	cb_init_lu = cb;
}

void sef_setcb_init_restart(sef_cb_init_t cb)
{
	cb_init_restart = cb;
}

/*
 * process_init (5.5) for the RS_INIT in {m}: a clean filter chain, grant 0 for the next update,
 * the init callback, the answer to RS by SENDREC, then the grant and asynsend tables registered
 * under the endpoint we now have. The last step is what repairs a hint lost in the swap window
 * (5.8 case 1): the asynsend table arrived with the data section but the kernel does not know it.
 */
int sef_process_init(message *m)
{
	sef_init_info_t info;
	sef_cb_init_t cb;
	int type = m->m_rs_init.type;
	int r;

	memset(&info, 0, sizeof(info));
	info.flags = m->m_rs_init.flags;
	info.old_endpoint = m->m_rs_init.old_endpoint;
	info.restarts = m->m_rs_init.restarts;
	info.prepare_state = m->m_rs_init.prepare_state;

	sys_statectl(SYS_STATE_CLEAR_IPC_FILTERS, NULL, 0);
	r = cpf_setgrant_direct(SEF_STATE_TRANSFER_GID, ANY, 0, (size_t) -1, CPF_READ);
	if (r == OK) {
		cb = type == SEF_INIT_LU ? cb_init_lu : type == SEF_INIT_RESTART ? cb_init_restart
			: type == SEF_INIT_FRESH ? cb_init_fresh : NULL;
		if (type < SEF_INIT_FRESH || type > SEF_INIT_RESTART) {
			r = EINVAL;
		} else if (cb != NULL) {
			r = cb(type, &info);
		}
	}

	memset(m, 0, sizeof(*m));
	m->m_type = RS_INIT;
	m->m_rs_init.result = r;
	int s = _sendrec(RS_PROC_NR, m);
	if (s != OK) {
		return s;
	}
	if (m->m_type != OK) {
		return m->m_type;       /* RS refused us: on a live update it rolls back and ends this image */
	}
	cpf_reload();
	senda_reload();
	return r;
}

int sef_startup(void)
{
	message m;
	int status;
	int r;

	/* Anything else from RS before its RS_INIT is discarded, as MINIX does. */
	do {
		r = _receive(RS_PROC_NR, &m, &status);
		if (r != OK) {
			return r;
		}
	} while (m.m_type != RS_INIT || is_ipc_notify(status));
	return sef_process_init(&m);
}

int sef_copy_state_region(sef_init_info_t *info, vir_bytes address, size_t size, vir_bytes dst_address)
{
	return sys_safecopyfrom(info->old_endpoint, SEF_STATE_TRANSFER_GID, address, dst_address, size);
}

/*
 * The top-of-loop receive. While an update is being prepared, readiness is evaluated before
 * every receive (5.3 step 2); a ready service answers RS there and blocks. RS_LU_PREPARE from RS
 * is taken here (step 1), so the service's code only ever sees its own messages.
 */
int sef_receive_status(endpoint_t src, message *m, int *status)
{
	int r, st;

	for (;;) {
		sef_lu_before_receive();
		r = _receive(src, m, &st);
		if (status != NULL) {
			*status = st;
		}
		if (r != OK) {
			return r;
		}
		if (m->m_source == RS_PROC_NR && m->m_type == RS_LU_PREPARE && !is_ipc_notify(st)) {
			sef_lu_request(m);
			continue;
		}
		return OK;
	}
}
