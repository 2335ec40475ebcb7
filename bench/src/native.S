# native.S: runs cbench's bench_main as a 32-bit Linux program, so that valgrind can count its
# instructions on the host. The count of bench_main is lackey's total less these four.
    .globl _start
    .text
_start:
    call bench_main
    mov $1, %eax                     # exit(0)
    xor %ebx, %ebx
    int $0x80
    .section .note.GNU-stack, "", @progbits
