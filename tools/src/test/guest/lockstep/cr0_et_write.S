# CR0_WRITE: clearing CR0.ET. On the 386 ET is writable (80287 protocol); QEMU keeps it at 1.
    .include "rom16.inc"
    mov %cr0, %eax
    and $~0x10, %eax
    mov %eax, %cr0
    mov %cr0, %ebx
    EXIT 0
    RESET_VECTOR
