# IDTR_LIMIT_AFTER_RESET: SIDT before any LIDT stores the reset limit, 0x03FF on the 386 and
# 0xFFFF under QEMU; the lockstep rewrites QEMU's stored word, so the loads that follow agree.
    .include "rom16.inc"
    sidt 0x500
    mov 0x500, %ax
    mov 0x502, %ebx
    EXIT 0
    RESET_VECTOR
