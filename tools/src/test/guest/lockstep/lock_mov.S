# LOCK_MOV: a LOCK prefix on MOV to memory. The 386 raises #UD; QEMU runs the MOV.
    .include "rom16.inc"
    mov $0x1234, %ax
    .byte 0xF0                  # LOCK (GNU as will not put it on a MOV)
    mov %ax, 0x500
    EXIT 0
    RESET_VECTOR
