/* Kernel-call wrappers: time, information, diagnostics, shutdown. */
#include <errno.h>
#include <string.h>
#include <minix/syslib.h>

int sys_setalarm2(clock_t exp_time, int abs_time, clock_t *time_left, clock_t *uptime)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_setalarm.exp_time = exp_time;
	m.m_lsys_krn_sys_setalarm.abs_time = abs_time;
	r = _kernel_call(SYS_SETALARM, &m);
	if (time_left != NULL) {
		*time_left = m.m_lsys_krn_sys_setalarm.time_left;
	}
	if (uptime != NULL) {
		*uptime = m.m_lsys_krn_sys_setalarm.uptime;
	}
	return r;
}

int sys_setalarm(clock_t exp_time, int abs_time)
{
	return sys_setalarm2(exp_time, abs_time, NULL, NULL);
}

int sys_times(endpoint_t proc, clock_t *user_time, clock_t *sys_time, clock_t *uptime, time_t *boottime)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_times.endpt = proc;
	r = _kernel_call(SYS_TIMES, &m);
	if (user_time != NULL) *user_time = m.m_krn_lsys_sys_times.user_time;
	if (sys_time != NULL) *sys_time = m.m_krn_lsys_sys_times.system_time;
	/* The monotonic count (MINIX does the same): SYS_SETTIME moves realtime, never this. */
	if (uptime != NULL) *uptime = m.m_krn_lsys_sys_times.boot_ticks;
	if (boottime != NULL) *boottime = m.m_krn_lsys_sys_times.boot_time;
	return r;
}

/* Monotonic ticks, realtime ticks and the boot time, in one call (MINIX libsys getuptime). */
int getuptime(clock_t *ticks, clock_t *realtime, time_t *boottime)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_times.endpt = NONE;
	r = _kernel_call(SYS_TIMES, &m);
	if (ticks != NULL) *ticks = m.m_krn_lsys_sys_times.boot_ticks;
	if (realtime != NULL) *realtime = m.m_krn_lsys_sys_times.real_ticks;
	if (boottime != NULL) *boottime = m.m_krn_lsys_sys_times.boot_time;
	return r;
}

int sys_stime(time_t boottime)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_stime.boot_time = boottime;
	return _kernel_call(SYS_STIME, &m);
}

int sys_settime(int now, clockid_t clk_id, time_t sec, long nsec)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_settime.now = now;
	m.m_lsys_krn_sys_settime.clock_id = clk_id;
	m.m_lsys_krn_sys_settime.sec = sec;
	m.m_lsys_krn_sys_settime.nsec = nsec;
	return _kernel_call(SYS_SETTIME, &m);
}

int sys_readbios(phys_bytes address, void *buf, size_t size)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_readbios.addr = address;
	m.m_lsys_krn_readbios.buf = (vir_bytes) buf;
	m.m_lsys_krn_readbios.size = size;
	return _kernel_call(SYS_READBIOS, &m);
}

int sys_sprof(int action, int size, int freq, int type, endpoint_t endpt, void *ctl_ptr, void *mem_ptr)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_sprof.action = action;
	m.m_lsys_krn_sys_sprof.mem_size = size;
	m.m_lsys_krn_sys_sprof.freq = freq;
	m.m_lsys_krn_sys_sprof.intr_type = type;
	m.m_lsys_krn_sys_sprof.endpt = endpt;
	m.m_lsys_krn_sys_sprof.ctl_ptr = (vir_bytes) ctl_ptr;
	m.m_lsys_krn_sys_sprof.mem_ptr = (vir_bytes) mem_ptr;
	return _kernel_call(SYS_SPROF, &m);
}

int sys_getinfo(int request, void *ptr, int len, endpoint_t who)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_getinfo.request = request;
	m.m_lsys_krn_sys_getinfo.endpt = who;
	m.m_lsys_krn_sys_getinfo.val_ptr = (vir_bytes) ptr;
	m.m_lsys_krn_sys_getinfo.val_len = len;
	return _kernel_call(SYS_GETINFO, &m);
}

int sys_getkinfo(struct kinfo *k) { return sys_getinfo(GET_KINFO, k, sizeof(*k), NONE); }
int sys_getprocinfo(endpoint_t who, struct jinx_procinfo *p) { return sys_getinfo(GET_PROC, p, sizeof(*p), who); }
int sys_getprivinfo(endpoint_t who, struct jinx_privinfo *p) { return sys_getinfo(GET_PRIV, p, sizeof(*p), who); }

int sys_gethz(void)
{
	int hz = 0;

	return sys_getinfo(GET_HZ, &hz, sizeof(hz), NONE) == OK ? hz : 60;
}

int sys_whoami(endpoint_t *who, char *name, int len, int *privflags)
{
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_getinfo.request = GET_WHOAMI;
	r = _kernel_call(SYS_GETINFO, &m);
	if (r != OK) {
		return r;
	}
	if (who != NULL) *who = m.m_krn_lsys_sys_getwhoami.endpt;
	if (privflags != NULL) *privflags = m.m_krn_lsys_sys_getwhoami.privflags;
	if (name != NULL && len > 0) {
		strncpy(name, m.m_krn_lsys_sys_getwhoami.name, len - 1);
		name[len - 1] = '\0';
	}
	return OK;
}

endpoint_t sef_self(void)
{
	static endpoint_t self = NONE;

	if (self == NONE) {
		sys_whoami(&self, NULL, 0, NULL);
	}
	return self;
}

int sys_diagctl(int code, const char *buf, int len, endpoint_t who)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_diagctl.code = code;
	m.m_lsys_krn_sys_diagctl.buf = (vir_bytes) buf;
	m.m_lsys_krn_sys_diagctl.len = len;
	m.m_lsys_krn_sys_diagctl.endpt = who;
	return _kernel_call(SYS_DIAGCTL, &m);
}

int sys_abort(int how)
{
	message m;

	memset(&m, 0, sizeof(m));
	m.m_lsys_krn_sys_abort.how = how;
	return _kernel_call(SYS_ABORT, &m);
}
