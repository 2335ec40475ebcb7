/* Kernel-call wrappers: processes, privileges, signals, scheduling, live update. */
#include <errno.h>
#include <string.h>
#include <minix/syslib.h>

int sys_fork(endpoint_t parent, endpoint_t slot, endpoint_t *child, uint32_t flags)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_fork.endpt = parent;
	m.m_lsys_krn_sys_fork.slot = slot;
	m.m_lsys_krn_sys_fork.flags = flags;
	r = _kernel_call(SYS_FORK, &m);
	if (child != NULL) {
		*child = m.m_krn_lsys_sys_fork.endpt;
	}
	return r;
}

int sys_exec(endpoint_t proc, vir_bytes stack, const char *name, vir_bytes ip, vir_bytes ps_str)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_exec.endpt = proc;
	m.m_lsys_krn_sys_exec.stack = stack;
	m.m_lsys_krn_sys_exec.name = (char *) name;
	m.m_lsys_krn_sys_exec.ip = ip;
	m.m_lsys_krn_sys_exec.ps_str = ps_str;
	return _kernel_call(SYS_EXEC, &m);
}

int sys_clear(endpoint_t proc)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_clear.endpt = proc;
	return _kernel_call(SYS_CLEAR, &m);
}

int sys_exit(int status)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_exit.status = status;
	return _kernel_call(SYS_EXIT, &m);
}

int sys_kill(endpoint_t proc, int sig)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sigcalls.endpt = proc;
	m.m_sigcalls.sig = sig;
	return _kernel_call(SYS_KILL, &m);
}

int sys_getksig(endpoint_t *proc, sigset_t *map)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	r = _kernel_call(SYS_GETKSIG, &m);
	*proc = m.m_sigcalls.endpt;
	*map = m.m_sigcalls.map;
	return r;
}

int sys_endksig(endpoint_t proc)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sigcalls.endpt = proc;
	return _kernel_call(SYS_ENDKSIG, &m);
}

int sys_runctl(endpoint_t proc, int action, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_runctl.endpt = proc;
	m.m_lsys_krn_runctl.action = action;
	m.m_lsys_krn_runctl.flags = flags;
	return _kernel_call(SYS_RUNCTL, &m);
}

int sys_schedule(endpoint_t proc, int priority, int quantum, int cpu, int niced)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_schedule.endpoint = proc;
	m.m_lsys_krn_schedule.priority = priority;
	m.m_lsys_krn_schedule.quantum = quantum;
	m.m_lsys_krn_schedule.cpu = cpu;
	m.m_lsys_krn_schedule.niced = niced;
	return _kernel_call(SYS_SCHEDULE, &m);
}

int sys_schedctl(uint32_t flags, endpoint_t proc, int priority, int quantum, int cpu)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_schedctl.flags = flags;
	m.m_lsys_krn_schedctl.endpoint = proc;
	m.m_lsys_krn_schedctl.priority = priority;
	m.m_lsys_krn_schedctl.quantum = quantum;
	m.m_lsys_krn_schedctl.cpu = cpu;
	return _kernel_call(SYS_SCHEDCTL, &m);
}

int sys_privctl(endpoint_t proc, int request, void *arg)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_privctl.endpt = proc;
	m.m_lsys_krn_sys_privctl.request = request;
	m.m_lsys_krn_sys_privctl.arg_ptr = (vir_bytes) arg;
	return _kernel_call(SYS_PRIVCTL, &m);
}

int sys_update(endpoint_t src, endpoint_t dst, int flags)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m1_i1 = src;
	m.m1_i2 = dst;
	m.m1_i3 = flags;
	return _kernel_call(SYS_UPDATE, &m);
}

int sys_statectl(int request, void *address, int length)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_statectl.request = request;
	m.m_lsys_krn_sys_statectl.address = (vir_bytes) address;
	m.m_lsys_krn_sys_statectl.length = length;
	return _kernel_call(SYS_STATECTL, &m);
}

int sys_sigsend(endpoint_t proc, struct sigmsg *msg)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sigcalls.endpt = proc;
	m.m_sigcalls.sigctx = msg;
	return _kernel_call(SYS_SIGSEND, &m);
}

int sys_sigreturn(endpoint_t proc, struct sigcontext *ctx)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_sigcalls.endpt = proc;
	m.m_sigcalls.sigctx = ctx;
	return _kernel_call(SYS_SIGRETURN, &m);
}

/* Called by the __sigreturn trampoline (lib/sigreturn.S); returns only if the kernel refused. */
void __sigreturn_self(struct sigcontext *scp)
{
	sys_sigreturn(sef_self(), scp);
	sys_exit(1);
}

int sys_getmcontext(endpoint_t proc, vir_bytes mcp)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_getmcontext.endpt = proc;
	m.m_lsys_krn_sys_getmcontext.ctx_ptr = mcp;
	return _kernel_call(SYS_GETMCONTEXT, &m);
}

int sys_setmcontext(endpoint_t proc, vir_bytes mcp)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_setmcontext.endpt = proc;
	m.m_lsys_krn_sys_setmcontext.ctx_ptr = mcp;
	return _kernel_call(SYS_SETMCONTEXT, &m);
}

/* Sets the timer to *newval ticks unless newval is NULL; stores the ticks that were left in *oldval. */
int sys_vtimer(endpoint_t proc, int which, clock_t *newval, clock_t *oldval)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.VT_ENDPT = proc;
	m.VT_WHICH = which;
	m.VT_SET = newval != NULL;
	m.VT_VALUE = newval != NULL ? (long) *newval : 0;
	r = _kernel_call(SYS_VTIMER, &m);
	if (r == OK && oldval != NULL) {
		*oldval = m.VT_VALUE;
	}
	return r;
}

/* data: in for the SET requests, out for the GET requests (may be NULL for the others). */
int sys_trace(int request, endpoint_t proc, long addr, long *data)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_trace.request = request;
	m.m_lsys_krn_sys_trace.endpt = proc;
	m.m_lsys_krn_sys_trace.address = addr;
	m.m_lsys_krn_sys_trace.data = data != NULL ? *data : 0;
	r = _kernel_call(SYS_TRACE, &m);
	if (r == OK && data != NULL) {
		*data = m.m_krn_lsys_sys_trace.data;
	}
	return r;
}
