# Not a CPU difference, and in no table: QEMU has an 8259 whose mask register reads 0 after
# reset, while the lockstep's Jinx machine has only the debug ports (0xFF from an empty port).
# The lockstep must report this as an unexplained divergence in AL.
    .include "rom16.inc"
    in $0x21, %al
    EXIT 0
    RESET_VECTOR
