# HLT with interrupts disabled: both CPUs halt for good after the same instruction. QEMU's gdb
# step never returns from such a HLT, so the lockstep interrupts it and compares there.
    .include "rom16.inc"
    mov $0x1234, %bx
    cli
    hlt
    EXIT 0
    RESET_VECTOR
