/*
 * Kernel-call wrappers (MINIX libsys names). Each fills the request, traps with INT 0x20 and
 * returns the kernel's result: OK or a negative error. Calls that answer ENOTREADY (a grant
 * table held back during a live update) are retried after a growing delay.
 */
#ifndef _MINIX_SYSLIB_H
#define _MINIX_SYSLIB_H

#include <minix/types.h>
#include <signal.h>
#include <minix/ipc.h>
#include <minix/com.h>
#include <minix/type.h>
#include <minix/safecopies.h>

int _kernel_call(int syscallnr, message *m);
int _kernel_call_once(int syscallnr, message *m);

int sys_fork(endpoint_t parent, endpoint_t slot, endpoint_t *child, uint32_t flags);
int sys_exec(endpoint_t proc, vir_bytes stack, const char *name, vir_bytes ip, vir_bytes ps_str);
int sys_clear(endpoint_t proc);
int sys_exit(int status);
int sys_kill(endpoint_t proc, int sig);
int sys_getksig(endpoint_t *proc, sigset_t *map);
int sys_endksig(endpoint_t proc);
int sys_getmcontext(endpoint_t proc, vir_bytes mcp);
int sys_setmcontext(endpoint_t proc, vir_bytes mcp);
int sys_trace(int request, endpoint_t proc, long addr, long *data);
int sys_sigsend(endpoint_t proc, struct sigmsg *msg);
int sys_sigreturn(endpoint_t proc, struct sigcontext *ctx);
int sys_runctl(endpoint_t proc, int action, int flags);
#define sys_stop(p) sys_runctl(p, RC_STOP, 0)
#define sys_delay_stop(p) sys_runctl(p, RC_STOP, RC_DELAY)
#define sys_resume(p) sys_runctl(p, RC_RESUME, 0)
int sys_schedule(endpoint_t proc, int priority, int quantum, int cpu, int niced);
int sys_schedctl(uint32_t flags, endpoint_t proc, int priority, int quantum, int cpu);
int sys_privctl(endpoint_t proc, int request, void *arg);
int sys_update(endpoint_t src, endpoint_t dst, int flags);
int sys_statectl(int request, void *address, int length);

int sys_vircopy(endpoint_t src_proc, vir_bytes src_addr, endpoint_t dst_proc, vir_bytes dst_addr, phys_bytes bytes);
int sys_physcopy(endpoint_t src_proc, vir_bytes src_addr, endpoint_t dst_proc, vir_bytes dst_addr, phys_bytes bytes,
	int flags);
int sys_memset(endpoint_t who, unsigned long pattern, phys_bytes base, phys_bytes bytes);
int sys_umap(endpoint_t proc, int segment, vir_bytes addr, vir_bytes bytes, phys_bytes *phys);
int sys_umap_remote(endpoint_t proc, endpoint_t grantee, int segment, vir_bytes addr, vir_bytes bytes,
	phys_bytes *phys);
int sys_vumap(endpoint_t endpt, struct vumap_vir *vvec, int vcount, size_t offset, int access,
	struct vumap_phys *pvec, int *pcount);
int sys_safecopyfrom(endpoint_t from, cp_grant_id_t gid, vir_bytes offset, vir_bytes address, size_t bytes);
int sys_safecopyto(endpoint_t to, cp_grant_id_t gid, vir_bytes offset, vir_bytes address, size_t bytes);
int sys_setgrant(void *table, int entries);
int sys_vsafecopy(struct vscp_vec *vec, int count);
int sys_safememset(endpoint_t dst, cp_grant_id_t gid, vir_bytes offset, int pattern, size_t bytes);
int sys_vmctl(endpoint_t who, int param, uint32_t value);
int sys_vmctl_get_pdbr(endpoint_t who, uint32_t *pdbr);
int sys_vmmap(endpoint_t who, vir_bytes addr, vir_bytes len, int writable);
int sys_vmunmap(endpoint_t who, vir_bytes addr, vir_bytes len);
int sys_vmnewspace(endpoint_t who);

int sys_devio(int request, int port, uint32_t value, uint32_t *in);
int sys_inb(int port, uint32_t *value);
int sys_inw(int port, uint32_t *value);
int sys_inl(int port, uint32_t *value);
int sys_outb(int port, uint32_t value);
int sys_outw(int port, uint32_t value);
int sys_outl(int port, uint32_t value);
int sys_vinb(pvb_pair_t *pairs, int count);
int sys_voutb(pvb_pair_t *pairs, int count);
int sys_vdevio(int request, void *pairs, int count);
int sys_sdevio(int request, long port, endpoint_t proc, void *buffer, int count, vir_bytes offset);
#define sys_insb(port, proc, buffer, count) sys_sdevio(DIO_INPUT_BYTE, port, proc, buffer, count, 0)
#define sys_insw(port, proc, buffer, count) sys_sdevio(DIO_INPUT_WORD, port, proc, buffer, count, 0)
#define sys_outsb(port, proc, buffer, count) sys_sdevio(DIO_OUTPUT_BYTE, port, proc, buffer, count, 0)
#define sys_outsw(port, proc, buffer, count) sys_sdevio(DIO_OUTPUT_WORD, port, proc, buffer, count, 0)
#define sys_safe_insb(port, ept, grant, offset, count) \
	sys_sdevio(DIO_SAFE_INPUT_BYTE, port, ept, (void *) (grant), count, offset)
#define sys_safe_insw(port, ept, grant, offset, count) \
	sys_sdevio(DIO_SAFE_INPUT_WORD, port, ept, (void *) (grant), count, offset)
#define sys_safe_outsb(port, ept, grant, offset, count) \
	sys_sdevio(DIO_SAFE_OUTPUT_BYTE, port, ept, (void *) (grant), count, offset)
#define sys_safe_outsw(port, ept, grant, offset, count) \
	sys_sdevio(DIO_SAFE_OUTPUT_WORD, port, ept, (void *) (grant), count, offset)
int sys_iopenable(endpoint_t proc);
int sys_irqctl(int request, int irq, int policy, int *hook_id);
int sys_irqsetpolicy(int irq, int policy, int *hook_id);
int sys_irqrmpolicy(int *hook_id);
int sys_irqenable(int *hook_id);
int sys_irqdisable(int *hook_id);

int sys_vtimer(endpoint_t proc, int which, clock_t *newval, clock_t *oldval);
int sys_setalarm(clock_t exp_time, int abs_time);
int sys_setalarm2(clock_t exp_time, int abs_time, clock_t *time_left, clock_t *uptime);
int sys_times(endpoint_t proc, clock_t *user_time, clock_t *sys_time, clock_t *uptime, time_t *boottime);
int getuptime(clock_t *ticks, clock_t *realtime, time_t *boottime);
int sys_stime(time_t boottime);
int sys_settime(int now, clockid_t clk_id, time_t sec, long nsec);
int sys_readbios(phys_bytes address, void *buf, size_t size);
int sys_sprof(int action, int size, int freq, int type, endpoint_t endpt, void *ctl_ptr, void *mem_ptr);
int sys_getinfo(int request, void *ptr, int len, endpoint_t who);
int sys_getkinfo(struct kinfo *k);
int sys_getprocinfo(endpoint_t who, struct jinx_procinfo *p);
int sys_getprivinfo(endpoint_t who, struct jinx_privinfo *p);
int sys_gethz(void);
int sys_whoami(endpoint_t *who, char *name, int len, int *privflags);
int sys_diagctl(int code, const char *buf, int len, endpoint_t who);
#define sys_diagctl_diag(buf, len) sys_diagctl(DIAGCTL_CODE_DIAG, buf, len, NONE)
#define sys_diagctl_stacktrace(who) sys_diagctl(DIAGCTL_CODE_STACKTRACE, 0, 0, who)
int sys_abort(int how);

/* The caller's endpoint (cached after the first sys_whoami). */
endpoint_t sef_self(void);

#endif
