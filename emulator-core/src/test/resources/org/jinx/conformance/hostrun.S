/*
 * Native side of the host differential tester: the entry point, the switch into and out of a
 * test sequence, and the signal return trampoline. hostrun.c holds everything else.
 *
 * run_case loads the test registers and EFLAGS from tc_in, points ES and FS at the data
 * buffer's segment and jumps to the sequence. The sequence ends in a JMP to seq_done, which
 * saves the registers to tc_out with absolute moves (DS is never changed by a sequence) before
 * it touches the stack. A fault goes to the signal handler in hostrun.c, which records the
 * signal context and returns to fault_resume.
 */
        .section .note.GNU-stack,"",@progbits
        .text
        .globl _start, run_case, seq_done, fault_resume, sig_restorer, syscall6

_start:
        xorl    %ebp, %ebp
        andl    $-16, %esp
        call    hostrun_main
        movl    %eax, %ebx
        movl    $1, %eax                /* exit */
        int     $0x80
        hlt

/* int syscall6(int nr, int a, int b, int c, int d, int e) */
syscall6:
        pushl   %ebx
        pushl   %esi
        pushl   %edi
        movl    16(%esp), %eax
        movl    20(%esp), %ebx
        movl    24(%esp), %ecx
        movl    28(%esp), %edx
        movl    32(%esp), %esi
        movl    36(%esp), %edi
        int     $0x80
        popl    %edi
        popl    %esi
        popl    %ebx
        ret

/* void run_case(void): state in tc_in (EAX ECX EDX EBX ESP EBP ESI EDI, EFLAGS). */
run_case:
        pushl   %ebp
        pushl   %ebx
        pushl   %esi
        pushl   %edi
        movl    %esp, host_esp
        movw    buf_selector, %ax
        movw    %ax, %es
        movw    %ax, %fs
        pushl   tc_in+32
        popfl
        movl    tc_in+0, %eax
        movl    tc_in+4, %ecx
        movl    tc_in+8, %edx
        movl    tc_in+12, %ebx
        movl    tc_in+20, %ebp
        movl    tc_in+24, %esi
        movl    tc_in+28, %edi
        movl    tc_in+16, %esp
        movl    $1, in_test
        jmp     *code_entry

seq_done:
        movl    $0, in_test
        movl    %eax, tc_out+0
        movl    %ecx, tc_out+4
        movl    %edx, tc_out+8
        movl    %ebx, tc_out+12
        movl    %esp, tc_out+16
        movl    %ebp, tc_out+20
        movl    %esi, tc_out+24
        movl    %edi, tc_out+28
        movl    host_esp, %esp
        pushfl
        popl    tc_out+32
fault_resume:
        movl    $0, in_test
        movl    host_esp, %esp
        pushfl                          /* the C code expects DF clear; NT is no use to it */
        andl    $~0x4400, (%esp)
        popfl
        movw    host_es, %ax
        movw    %ax, %es
        movw    host_fs, %ax
        movw    %ax, %fs
        popl    %edi
        popl    %esi
        popl    %ebx
        popl    %ebp
        ret

sig_restorer:
        movl    $173, %eax              /* rt_sigreturn */
        int     $0x80
        hlt
