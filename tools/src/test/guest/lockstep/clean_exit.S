# A program with nothing to tolerate: a few instructions, a REP string move long enough to be
# run rather than stepped in QEMU, output on port 0xE9, and the exit.
    .include "rom16.inc"
    mov $0xF000, %ax
    mov %ax, %ds
    mov $0x0800, %ax
    mov %ax, %es
    xor %si, %si
    xor %di, %di
    mov $100, %cx
    cld
    rep movsw
    mov $'o', %al
    out %al, $0xE9
    mov $'k', %al
    out %al, $0xE9
    mov $'\n', %al
    out %al, $0xE9
    EXIT 0
    RESET_VECTOR
