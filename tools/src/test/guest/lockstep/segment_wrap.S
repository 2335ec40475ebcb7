# DATA_SEGMENT_CHECKS: a word read at DS:FFFF runs past the 64 KiB real-mode limit. The 386
# raises exception 13; QEMU reads the byte at 0x10000 instead.
    .include "rom16.inc"
    mov 0xFFFF, %ax
    EXIT 0
    RESET_VECTOR
