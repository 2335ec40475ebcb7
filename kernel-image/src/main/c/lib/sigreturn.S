/*
 * __sigreturn: where a signal handler returns (sf_ra of the frame SYS_SIGSEND builds). The
 * handler's RET has popped sf_ra, so ESP points at sf_signum and sf_scp is at 8(%esp). The
 * sigcontext goes to SYS_SIGRETURN for oneself, which resumes the interrupted code and never
 * comes back here. This serves a system process that catches signals for itself; a user
 * process would ask its signal manager instead.
 */
	.text
	.globl __sigreturn
__sigreturn:
	movl 8(%esp), %eax
	andl $-16, %esp                 /* the ABI's call alignment, whatever the handler left */
	subl $12, %esp
	pushl %eax
	call __sigreturn_self
	hlt                             /* not reached: __sigreturn_self exits */

	.section .note.GNU-stack, "", @progbits
