package org.jinx.conformance;

/**
 * Units for the segment registers as user code sees them: MOV from a segment register to a
 * register or memory, PUSH and POP of segment registers, MOV to a segment register, and
 * LDS/LES/LFS/LGS/LSS from a far pointer in memory. The selectors are the ones the process
 * has (Linux's user code and data selectors, the buffer segment's, and null in GS), and a
 * load always puts back the selector the register held, so later units see the segments they
 * expect. Loads of a selector past the GDT's limit, of an LDT selector (the process has no
 * LDT), of null into SS and of the code selector into SS fault with #GP.
 */
final class SegmentUnits {
    static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;
    private static final String[] NAMES = {"ES", "CS", "SS", "DS", "FS", "GS"};

    private final Gen g;
    private final Rng rng;

    SegmentUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    /** The selector segment register {@code s} holds in every case. */
    static int selector(int s) {
        switch (s) {
            case ES: case FS: return Layout.BUF_SELECTOR;
            case CS: return Layout.USER_CS;
            case GS: return 0;
            default: return Layout.USER_DS;
        }
    }

    Unit any() {
        switch (rng.below(6)) {
            case 0: return movFrom();
            case 1: return pushPop();
            case 2: return movTo();
            case 3: return loadFar();
            case 4: return badLoad();
            default: return gsRoundTrip();
        }
    }

    /** MOV Ew, Sw: a 16-bit store to memory; to a register with either operand size. */
    private Unit movFrom() {
        int s = rng.below(6);
        Unit.Builder b = new Unit.Builder("MOV r/m, " + NAMES[s]);
        int size = rng.chance(0.5) ? 2 : 4;
        Operand e = rng.chance(0.5) ? Operand.register(g.reg(4, 0)) : g.mem.mem(2, 0, false, true);
        Gen.setup(b, e, 2);
        return b.insn(g.insn(0, size, e, Gen.op(0x8C), s, 0, 0)).build();
    }

    /** PUSH Sreg, then POP it back into the same register or into a general one. */
    private Unit pushPop() {
        int s = rng.below(6);
        int size = rng.chance(0.5) ? 2 : 4;
        int[] push = {0x06, 0x0E, 0x16, 0x1E, 0x0FA0, 0x0FA8};
        int[] pop = {0x07, -1, 0x17, 0x1F, 0x0FA1, 0x0FA9};
        Unit.Builder b = new Unit.Builder("PUSH/POP " + NAMES[s] + (size == 2 ? " o16" : ""));
        b.touches(-size, 0);
        if (size == 4) {
            // A 32-bit PUSH Sreg writes the zero-extended selector on this AMD host and only the
            // low word in Jinx (the SDM allows both; recent Intel processors do the latter).
            // Zeroing the slot first makes the two agree: MOV DWORD [ESP-4], 0.
            b.insn(0xC7, 0x44, 0x24, 0xFC, 0, 0, 0, 0);
        }
        b.insn(g.insn(0, size, null, opcode(push[s]), 0, 0, 0));
        if (pop[s] < 0 || rng.chance(0.3)) {
            return b.insn(g.insn(0, size, null, Gen.op(0x58 + g.reg(size, 0)), 0, 0, 0)).build();
        }
        return b.insn(g.insn(0, size, null, opcode(pop[s]), 0, 0, 0)).build();
    }

    private static int[] opcode(int op) {
        return op > 0xFF ? new int[] {op >>> 8, op & 0xFF} : new int[] {op};
    }

    /** MOV Sw, Ew with the selector the register already holds (SS too, which holds off traps). */
    private Unit movTo() {
        int s = rng.pick(ES, SS, DS, FS, GS);
        Unit.Builder b = new Unit.Builder("MOV " + NAMES[s] + ", r/m");
        int sel = selector(s);
        if (rng.chance(0.5)) {
            int r = g.reg(4, 0);
            b.insn(Gen.movImm32(r, rng.bits32() & 0xFFFF0000 | sel));
            return b.insn(g.insn(0, rng.chance(0.2) ? 2 : 4, Operand.register(r), Gen.op(0x8E), s, 0, 0)).build();
        }
        Operand e = g.mem.mem(2, 0, false, true);
        Gen.setup(b, e, 2);
        b.insn(g.store(e, 2, sel));
        return b.insn(g.insn(0, 4, e, Gen.op(0x8E), s, 0, 0)).build();
    }

    /** LDS/LES/LFS/LGS/LSS r, m16:16/32 from a far pointer stored just before (LSS keeps ESP). */
    private Unit loadFar() {
        int s = rng.pick(ES, SS, DS, FS, GS);
        int size = g.sizeV();
        String[] names = {"LES", "", "LSS", "LDS", "LFS", "LGS"};
        Unit.Builder b = new Unit.Builder(names[s] + size * 8);
        int off = g.mem.dataOffset(size + 2);
        Operand offset = g.mem.at(off, 0, false);
        Operand selector = g.mem.at(off + size, 0, false);
        int r = s == SS ? Gen.ESP : g.reg(size, 0);
        int value = s == SS ? (size == 4 ? g.esp : g.esp & 0xFFFF) : rng.value();
        Gen.setup(b, selector, 2);
        b.insn(g.store(selector, 2, selector(s)));
        Operand e = g.mem.at(off, 0, false);
        Gen.setup(b, offset, size);
        b.insn(g.store(offset, size, value));
        Gen.setup(b, e, size + 2);
        int[] op = {0xC4, 0, 0x0F, 0xC5, 0x0F, 0x0F};
        int[] op2 = {-1, 0, 0xB2, -1, 0xB4, 0xB5};
        int[] opc = op2[s] < 0 ? new int[] {op[s]} : new int[] {0x0F, op2[s]};
        return b.insn(g.insn(0, size, e, opc, r, 0, 0)).build();
    }

    /** Selectors that cannot be loaded here: #GP with the selector (or 0) as error code. */
    private Unit badLoad() {
        int s = rng.pick(ES, SS, DS, FS, GS);
        int sel;
        switch (rng.below(4)) {
            case 0: sel = 0xFFF8 | rng.below(4); break;           // past the GDT limit
            case 1: sel = 0x0C | rng.below(4) | rng.below(0x100) << 3; break; // TI = 1: no LDT
            case 2: s = SS; sel = 0; break;                        // null into SS
            default: s = SS; sel = Layout.USER_CS; break;          // code into SS
        }
        Unit.Builder b = new Unit.Builder(String.format("MOV %s, %04X (#GP)", NAMES[s], sel));
        b.insn(Gen.movImm32(Gen.EAX, sel));
        return b.insn(0x8E, 0xC0 | s << 3).build();
    }

    /** GS is null: loading a selector into it and null back (any null selector, RPL 0-3). */
    private Unit gsRoundTrip() {
        Unit.Builder b = new Unit.Builder("GS load and null");
        int r = g.reg(4, 0);
        int sel = rng.pick(Layout.USER_DS, Layout.BUF_SELECTOR);
        b.insn(Gen.movImm32(r, sel));
        b.insn(0x8E, 0xE8 | r);
        int addr = (sel == Layout.USER_DS ? Layout.BUF : 0) + g.mem.dataOffset(4);
        ByteList i = new ByteList().add(0x65, 0x8B, 0x05 | g.reg(4, 0) << 3).addLe(addr, 4);
        b.insn(i);
        b.insn(Gen.movImm32(r, rng.below(4)));
        return b.insn(0x8E, 0xE8 | r).build();
    }
}
