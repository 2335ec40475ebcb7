/*
 * A multiboot kernel for the gdb stub's tests, in the spirit of gdb-rsp.md Appendix A, in
 * assembly so only binutils is needed. kmain counts forever, calling bump(1) each time and
 * storing the count in `watched` every 256 iterations. The test steers it through `mode`:
 *   0 count   1 cli; hlt   2 exit through port 0xF4 with 0x21   3 paging on, then count `marker`
 * Labels mark the addresses the tests check (the test reads them with nm).
 */
        .section .multiboot, "a"
        .align 4
        .long 0x1BADB002
        .long 0x00000003
        .long -(0x1BADB002 + 3)

        .text
        .globl _start
_start:
        mov $stack_top, %esp
        call kmain
halt:   cli
        hlt
after_hlt:
        jmp halt

/* unsigned bump(unsigned x): counter += x; return counter */
        .globl bump
        .type bump, @function
bump:
        push %ebp
        mov %esp, %ebp
        mov 8(%ebp), %eax
        add counter, %eax
after_read:
        mov %eax, counter
after_write:
        pop %ebp
bump_ret:
        ret
        .size bump, . - bump

        .globl kmain
        .type kmain, @function
kmain:
        push %ebp
        mov %esp, %ebp
        push %ebx
        xor %ebx, %ebx
loop:
        cmpl $1, mode
        je halt
        cmpl $2, mode
        je exit
        cmpl $3, mode
        je paging
        inc %ebx
        push $1
call_bump:
        call bump
after_call:
        add $4, %esp
        test $0xff, %bl
        jnz loop
        mov %ebx, watched
after_store:
        jmp loop
exit:
        mov $0x21, %al
        out %al, $0xf4
        jmp exit

/* Identity-map the first 4 MiB, alias it at 0xC0000000, and turn paging on. */
paging:
        mov $page_table, %edi
        mov $0x003, %eax
        mov $1024, %ecx
1:      mov %eax, (%edi)
        add $4096, %eax
        add $4, %edi
        loop 1b
        mov $page_table + 3, %eax
        mov %eax, page_directory
        mov %eax, page_directory + 0x300 * 4
        mov $page_directory, %eax
        mov %eax, %cr3
        mov %cr0, %eax
        or $0x80000000, %eax
        mov %eax, %cr0
paged:
        incl marker
        jmp paged
        .size kmain, . - kmain

        .data
        .align 4
        .globl counter, watched, mode, marker
counter: .long 0
watched: .long 0
mode:    .long 0
marker:  .long 0xfeedface

        .bss
        .align 4096
page_directory: .space 4096
page_table:     .space 4096
        .space 16384
stack_top:
