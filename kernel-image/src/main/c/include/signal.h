/* Signal numbers (NetBSD's, which MINIX uses) and the kernel-internal ones (spec 6.4). */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <minix/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGEMT 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGBUS 10
#define SIGSEGV 11
#define SIGSYS 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGUSR1 30
#define SIGUSR2 31

#define SIGSNDELAY 70
#define SIGKMEM 71
#define SIGKMESS 72
#define SIGKSIGSM 73
#define SIGKSIG 74

#define _NSIG 128

/*
 * What SYS_SIGSEND saves and SYS_SIGRETURN restores: the interrupted registers (the order of
 * the i386 trap frame), the mask to restore, and a magic the kernel checks.
 */
struct sigcontext {
	int sc_gs, sc_fs, sc_es, sc_ds;
	int sc_edi, sc_esi, sc_ebp, sc_ebx, sc_edx, sc_ecx, sc_eax;
	int sc_eip, sc_cs, sc_eflags, sc_esp, sc_ss;
	int sc_onstack;
	int sc_trapno;
	int sc_err;
	sigset_t sc_mask;
	int sc_magic;
};
#define SC_MAGIC 0xc0ffee1

/*
 * The frame SYS_SIGSEND pushes: the handler starts as if called handler(signum, code, scp)
 * from sf_ra, the trampoline the signal manager named, which passes sf_scp to SYS_SIGRETURN.
 */
struct sigframe_sigcontext {
	void (*sf_ra)(void);
	int sf_signum;
	int sf_code;
	struct sigcontext *sf_scp;
	struct sigcontext sf_sc;
};

/* The guest library's trampoline: returns from a handler through sys_sigreturn for oneself. */
void __sigreturn(void);

static inline int sigismember(const sigset_t *set, int sig)
{
	return (set->__bits[(sig - 1) >> 5] >> ((sig - 1) & 31)) & 1;
}

#endif
