# tight.S: a tight ALU loop. Ten register instructions per iteration (add, xor, rotate, sub,
# lea, and, or, inc, and the dec/jnz of the loop), no memory operand: the emulator's dispatch
# and flag bookkeeping, nothing else.
    .globl bench_main, BENCH_INSNS
    .equ ITER, 40000000
    .set BENCH_INSNS, 4 + 10 * ITER + 3

    .text
bench_main:
    mov $0x12345678, %eax           # 4
    mov $0x9ABCDEF0, %ebx
    mov $0x0F0F0F0F, %edx
    mov $ITER, %ecx
1:  add %ebx, %eax                  # 10 per iteration
    xor %eax, %edx
    rol $5, %ebx
    sub %edx, %ebx
    lea 7(%eax,%edx,2), %esi
    and $0x7FFFFFFF, %esi
    or %esi, %ebx
    inc %edx
    dec %ecx
    jnz 1b
    xor %ebx, %eax                  # 3
    xor %edx, %edx
    ret
    .section .note.GNU-stack, "", @progbits
