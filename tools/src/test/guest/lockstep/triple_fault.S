# A triple fault: with an IDT limit of 0, INT 3 cannot be delivered (#GP), nor can the #GP
# (#DF), nor the #DF. Both CPUs shut down on the same instruction; QEMU (-no-reboot) exits.
    .include "rom16.inc"
    lidt %cs:empty_idt
    int $3
    EXIT 0
empty_idt:
    .word 0
    .long 0
    RESET_VECTOR
