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

#define SIGSNDELAY 70
#define SIGKMEM 71
#define SIGKMESS 72
#define SIGKSIGSM 73
#define SIGKSIG 74

#define _NSIG 128

static inline int sigismember(const sigset_t *set, int sig)
{
	return (set->__bits[(sig - 1) >> 5] >> ((sig - 1) & 31)) & 1;
}

#endif
