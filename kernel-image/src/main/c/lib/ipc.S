/*
 * The IPC and kernel-call trap stubs (spec 1.2 and 1.4), cdecl. INT 0x21 takes the call in ECX,
 * the endpoint (SENDA: the entry count) in EAX and the message (SENDA: the table) in EBX, and
 * returns the result in EAX; after RECEIVE, EBX holds the IPC status word. INT 0x20 takes the
 * message in EAX and answers inside it. EBX is callee-saved, so every stub keeps it.
 */
#define SEND 1
#define RECEIVE 2
#define SENDREC 3
#define NOTIFY 4
#define SENDNB 5
#define MINIX_KERNINFO 6
#define SENDA 16

	.text

/* int _send(endpoint_t dst, message *m) and friends: the same shape, another call number. */
#define IPC_STUB(name, call)		\
	.globl name;			\
name:					\
	pushl %ebx;			\
	movl 8(%esp), %eax;		\
	movl 12(%esp), %ebx;		\
	movl $call, %ecx;		\
	int $0x21;			\
	popl %ebx;			\
	ret

IPC_STUB(_send, SEND)
IPC_STUB(_sendrec, SENDREC)
IPC_STUB(_sendnb, SENDNB)

/* int _receive(endpoint_t src, message *m, int *status) */
	.globl _receive
_receive:
	pushl %ebx
	movl 8(%esp), %eax
	movl 12(%esp), %ebx
	movl $RECEIVE, %ecx
	int $0x21
	movl 16(%esp), %ecx
	testl %ecx, %ecx
	jz 1f
	movl %ebx, (%ecx)               /* the status word */
1:	popl %ebx
	ret

/* int _notify(endpoint_t dst) */
	.globl _notify
_notify:
	pushl %ebx
	movl 8(%esp), %eax
	movl $NOTIFY, %ecx
	int $0x21
	popl %ebx
	ret

/* int _senda(asynmsg_t *table, size_t count) */
	.globl _senda
_senda:
	pushl %ebx
	movl 12(%esp), %eax             /* count */
	movl 8(%esp), %ebx              /* table */
	movl $SENDA, %ecx
	int $0x21
	popl %ebx
	ret

/* int _minix_kernel_info(void **info) */
	.globl _minix_kernel_info
_minix_kernel_info:
	pushl %ebx
	movl $MINIX_KERNINFO, %ecx
	int $0x21
	movl 8(%esp), %ecx
	movl %ebx, (%ecx)
	popl %ebx
	ret

/* int _do_kernel_call_intr(message *m): the reply's m_type */
	.globl _do_kernel_call_intr
_do_kernel_call_intr:
	movl 4(%esp), %eax
	int $0x20
	movl 4(%eax), %eax              /* EAX still holds the message pointer */
	ret

	.section .note.GNU-stack, "", @progbits
