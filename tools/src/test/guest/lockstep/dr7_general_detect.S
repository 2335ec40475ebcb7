# DR7_GENERAL_DETECT: with DR7.GD set, MOV from DR0 is a #DB fault on the 386; QEMU runs it.
    .include "rom16.inc"
    mov $0x2400, %eax           # GD (bit 13) and the bit-10 one
    mov %eax, %dr7
    mov %dr0, %eax
    EXIT 0
    RESET_VECTOR
