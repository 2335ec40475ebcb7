# LATER_PROCESSOR_OPCODES: CPUID does not exist on the 386 (#UD); QEMU's qemu32 model runs it.
    .include "rom16.inc"
    xor %eax, %eax
    cpuid
    EXIT 0
    RESET_VECTOR
