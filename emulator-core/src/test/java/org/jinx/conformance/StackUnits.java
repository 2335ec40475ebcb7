package org.jinx.conformance;

/**
 * Units for the stack: PUSH and POP of registers, immediates and memory (ESP-based memory
 * included, where the manual says when the address is computed), PUSHA/POPA, PUSHF/POPF,
 * ENTER and LEAVE, each in 16- and 32-bit operand sizes. Every unit declares how it moves ESP
 * and which bytes around ESP it touches, so {@link Analysis} keeps the stack in its area.
 */
final class StackUnits {
    /** EFLAGS bits a POPF test value may hold: the arithmetic flags, DF, and bits CPL 3 cannot change. */
    private static final int POPF_BITS = 0x0CD5 | 0x0200 | 0x3000 | 0x4000 | 0x10000 | 0x20000;

    private final Gen g;
    private final Rng rng;

    StackUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    Unit push() {
        int size = g.sizeV();
        Unit.Builder b = new Unit.Builder("PUSH" + size * 8);
        b.espDelta(-size).touches(-size, 0);
        switch (rng.below(4)) {
            case 0: // PUSH r, ESP included: the value before the push
                return b.insn(g.insn(0, size, null, Gen.op(0x50 + rng.below(8)), 0, 0, 0)).build();
            case 1:
                return b.insn(g.insn(0, size, null, Gen.op(0x68), 0, size, rng.imm(size))).build();
            case 2:
                return b.insn(g.insn(0, size, null, Gen.op(0x6A), 0, 1, rng.imm(1))).build();
            default: { // PUSH Ev: an ESP-based address is computed before ESP moves
                Operand e = g.rm(size, 0, true);
                Gen.setup(b, e, size);
                return b.insn(g.insn(0, size, e, Gen.op(0xFF), 6, 0, 0)).build();
            }
        }
    }

    Unit pop() {
        int size = g.sizeV();
        Unit.Builder b = new Unit.Builder("POP" + size * 8);
        b.espDelta(size).touches(0, size);
        if (rng.chance(0.4)) {
            return b.insn(g.insn(0, size, null, Gen.op(0x58 + g.reg(size, 0)), 0, 0, 0)).build();
        }
        // POP Ev: an ESP-based destination address is computed after ESP moves.
        Operand e = rng.chance(0.3) ? Operand.register(g.reg(size, 0)) : g.mem.mem(size, 0, false, true);
        for (int[] s : e.setup) {
            b.insn(s);
        }
        if (e.espBased) {
            b.touches(size + e.espOffset, size + e.espOffset + size);
        }
        return b.insn(g.insn(0, size, e, Gen.op(0x8F), 0, 0, 0)).build();
    }

    Unit pushaPopa() {
        int size = g.sizeV();
        boolean pop = rng.chance(0.5);
        Unit.Builder b = new Unit.Builder((pop ? "POPA" : "PUSHA") + size * 8);
        if (pop) {
            b.espDelta(8 * size).touches(0, 8 * size);
        } else {
            b.espDelta(-8 * size).touches(-8 * size, 0);
        }
        return b.insn(g.insn(0, size, null, Gen.op(pop ? 0x61 : 0x60), 0, 0, 0)).build();
    }

    /** PUSHF alone, or POPF of a value pushed just before it (so it never sets TF or AC). */
    Unit pushfPopf() {
        int size = g.sizeV();
        if (rng.chance(0.4)) {
            return new Unit.Builder("PUSHF" + size * 8).espDelta(-size).touches(-size, 0)
                    .insn(g.insn(0, size, null, Gen.op(0x9C), 0, 0, 0)).build();
        }
        int v = rng.bits32() & POPF_BITS | 2;
        return new Unit.Builder("POPF" + size * 8).touches(-size, 0)
                .insn(g.insn(0, size, null, Gen.op(0x68), 0, size, v))
                .insn(g.insn(0, size, null, Gen.op(0x9D), 0, 0, 0)).build();
    }

    /**
     * ENTER size, level. Levels above 0 copy frame pointers from below EBP, so EBP is first
     * pointed into the buffer; ESP drops by the pushes and the frame size.
     */
    Unit enter() {
        int size = g.sizeV();
        int frame = rng.chance(0.5) ? rng.below(4) * 4 : rng.below(48);
        int level = rng.chance(0.5) ? 0 : rng.chance(0.9) ? rng.range(1, 4) : 32 + rng.below(3);
        int nest = level & 31;
        Unit.Builder b = new Unit.Builder("ENTER" + size * 8 + " level " + level);
        int ebp = Layout.BUF + 0x100 + rng.below(Layout.DATA_SIZE - 0x140);
        if (nest > 1 || rng.chance(0.5)) {
            b.insn(Gen.movImm32(Gen.EBP, ebp));
        }
        int pushed = size * (1 + (nest > 0 ? nest : 0));
        b.espDelta(-pushed - frame).touches(-pushed, 0);
        return b.insn(g.insn(0, size, null, Gen.op(0xC8), 0, 2, frame).add(level)).build();
    }

    /** LEAVE: ESP = EBP, then pop EBP; EBP is first pointed into the stack area. */
    Unit leave() {
        int size = g.sizeV();
        int ebp = Layout.ESP_MIN + 0x40 + rng.below(Layout.ESP_MAX - Layout.ESP_MIN - 0x80);
        if (rng.chance(0.2)) {
            ebp = g.esp + rng.range(-16, 16);
        }
        return new Unit.Builder("LEAVE" + size * 8).insn(Gen.movImm32(Gen.EBP, ebp)).setsEsp(ebp + size)
                .insn(g.insn(0, size, null, Gen.op(0xC9), 0, 0, 0)).build();
    }
}
