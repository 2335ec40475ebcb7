/*
 * Program entry. The boot loader leaves the stack as the i386 System V ABI's process start:
 * argc at (%esp), then argv[0..argc-1], a NULL, the environment pointers and a NULL.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	xorl %ebp, %ebp                 /* the end of the frame chain, for debuggers */
	movl (%esp), %eax               /* argc */
	leal 4(%esp), %edx              /* argv */
	leal 8(%esp,%eax,4), %ecx       /* envp: past argv's NULL */
	andl $-16, %esp                 /* main starts on a 16-byte boundary */
	subl $4, %esp
	pushl %ecx
	pushl %edx
	pushl %eax
	call main
	pushl %eax
	call exit
1:	jmp 1b

	.section .note.GNU-stack, "", @progbits
