# CR0_PG_WITHOUT_PE: MOV CR0 with PG set and PE clear. The 386 raises #GP(0); QEMU takes it.
    .include "rom16.inc"
    mov $0x80000010, %eax
    mov %eax, %cr0
    EXIT 0
    RESET_VECTOR
