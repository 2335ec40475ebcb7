# null.S: no work at all. Its run is the start-up and exit cost: the harness subtracts the
# peers' wall time for it from every other image, and checks Jinx's count of the fixed parts.
    .globl bench_main, BENCH_INSNS
    .set BENCH_INSNS, 3
    .text
bench_main:
    xor %eax, %eax
    xor %edx, %edx
    ret
    .section .note.GNU-stack, "", @progbits
