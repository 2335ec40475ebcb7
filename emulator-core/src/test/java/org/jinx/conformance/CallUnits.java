package org.jinx.conformance;

/**
 * Near CALL, RET and indirect JMP, made position-independent so the shrinker can move them:
 * each starts with CALL +0, which pushes the address of the next instruction, and reaches the
 * instruction after the unit from there (RET to an adjusted return address, JMP or CALL
 * through a register that holds it).
 */
final class CallUnits {
    private final Gen g;
    private final Rng rng;

    CallUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    private static final int[] CALL_NEXT = {0xE8, 0, 0, 0, 0};

    Unit any() {
        int r = g.reg(4, 0);
        switch (rng.below(4)) {
            case 0: // CALL +0; POP r; ADD r, 6; JMP r
                return new Unit.Builder("CALL; POP; JMP r").touches(-4, 0).insn(CALL_NEXT).insn(0x58 + r)
                        .insn(0x83, 0xC0 + r, 6).insn(0xFF, 0xE0 + r).build();
            case 1: // CALL +0; ADD [ESP], 5; RET
                return new Unit.Builder("CALL; RET").touches(-4, 0).insn(CALL_NEXT).insn(0x83, 0x04, 0x24, 5)
                        .insn(0xC3).build();
            case 2: { // CALL +0; ADD [ESP], 7; RET n
                int n = rng.pick(0, 2, 4, 8, 12);
                return new Unit.Builder("CALL; RET " + n).touches(-4, 0).espDelta(n).insn(CALL_NEXT)
                        .insn(0x83, 0x04, 0x24, 7).insn(0xC2, n, 0).build();
            }
            default: { // CALL +0; POP r; ADD r, 6; CALL r; POP r2
                int r2 = g.reg(4, 0);
                return new Unit.Builder("CALL r").touches(-4, 0).insn(CALL_NEXT).insn(0x58 + r)
                        .insn(0x83, 0xC0 + r, 6).insn(0xFF, 0xD0 + r).insn(0x58 + r2).build();
            }
        }
    }
}
