package org.jinx.conformance;

/**
 * Units for data movement and bit work: MOV in its forms (including moffs), MOVSX/MOVZX, LEA
 * with every addressing form, XCHG, CBW/CWDE/CWD/CDQ, XLAT, LAHF/SAHF, the flag-control
 * instructions, BT/BTS/BTR/BTC with register and memory bit offsets, BSF/BSR, SETcc and NOP.
 */
final class DataUnits {
    private final Gen g;
    private final Rng rng;

    DataUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    Unit mov() {
        int size = g.size();
        int w = size == 1 ? 0 : 1;
        Unit.Builder b = new Unit.Builder("MOV" + size * 8);
        switch (rng.below(5)) {
            case 0: { // MOV Ev,Gv
                Operand e = g.rm(size, 0, false);
                Gen.setup(b, e, size);
                return b.insn(g.insn(0, size, e, Gen.op(0x88 | w), g.src(size, 0), 0, 0)).build();
            }
            case 1: { // MOV Gv,Ev
                Operand e = g.rm(size, 0, true);
                Gen.setup(b, e, size);
                return b.insn(g.insn(0, size, e, Gen.op(0x8A | w), g.reg(size, 0), 0, 0)).build();
            }
            case 2: { // MOV r, imm
                int r = g.reg(size, 0);
                return b.insn(g.insn(0, size, null, Gen.op((size == 1 ? 0xB0 : 0xB8) + r), 0, Gen.immV(size),
                        rng.imm(size))).build();
            }
            case 3: { // MOV Ev, imm
                Operand e = g.rm(size, 0, false);
                Gen.setup(b, e, size);
                return b.insn(g.insn(0, size, e, Gen.op(0xC6 | w), 0, Gen.immV(size), rng.imm(size))).build();
            }
            default: { // MOV AL/eAX, moffs and back
                boolean store = rng.chance(0.5);
                int off = g.mem.dataOffset(size);
                boolean a16 = rng.chance(0.3);
                ByteList i = new ByteList();
                int seg = a16 || rng.chance(0.3) ? rng.pick(Operand.ES, Operand.FS) : 0;
                if (seg != 0) {
                    i.add(seg);
                }
                if (size == 2) {
                    i.add(0x66);
                }
                if (a16) {
                    i.add(0x67);
                }
                i.add((store ? 0xA2 : 0xA0) | w);
                i.addLe(seg != 0 ? off : Layout.BUF + off, a16 ? 2 : 4);
                return b.insn(i).build();
            }
        }
    }

    Unit movx() {
        int size = g.sizeV();
        boolean signed = rng.chance(0.5);
        // 66 0F BF/B7 (16 bits from 16) is legal, if pointless: a plain move.
        int srcSize = size == 2 ? (rng.chance(0.9) ? 1 : 2) : rng.chance(0.5) ? 1 : 2;
        Unit.Builder b = new Unit.Builder((signed ? "MOVSX" : "MOVZX") + size * 8 + "," + srcSize * 8);
        Operand e = srcSize == 1 ? (rng.chance(0.5) ? Operand.register(rng.below(8)) : g.mem.mem(1, 0, true, true))
                : g.rm(2, 0, true);
        Gen.setup(b, e, srcSize);
        int opc = (signed ? 0xBE : 0xB6) | (srcSize == 2 ? 1 : 0);
        return b.insn(g.insn(0, size, e, Gen.op(0x0F, opc), g.reg(size, 0), 0, 0)).build();
    }

    /**
     * LEA computes an address without touching memory, so besides the chooser's forms it also
     * gets raw ModRM/SIB bytes over whatever the registers hold.
     */
    Unit lea() {
        int size = g.sizeV();
        Unit.Builder b = new Unit.Builder("LEA" + size * 8);
        int dst = g.reg(size, 0);
        if (rng.chance(0.5)) {
            Operand e = g.mem.mem(4, 0, true, true);
            for (int[] s : e.setup) {
                b.insn(s);
            }
            return b.insn(g.insn(0, size, e, Gen.op(0x8D), dst, 0, 0)).build();
        }
        ByteList i = new ByteList();
        if (size == 2) {
            i.add(0x66);
        }
        boolean a16 = rng.chance(0.3);
        if (a16) {
            i.add(0x67);
        }
        int mod = rng.below(3);
        int rm = rng.below(8);
        i.add(0x8D, mod << 6 | dst << 3 | rm);
        if (!a16 && rm == 4) {
            i.add(rng.below(256));
        }
        int dispSize = a16 ? (mod == 1 ? 1 : mod == 2 || rm == 6 && mod == 0 ? 2 : 0)
                : mod == 1 ? 1 : mod == 2 ? 4 : 0;
        if (!a16 && mod == 0 && (rm == 5 || rm == 4 && (i.toInts()[i.size() - 1] & 7) == 5)) {
            dispSize = 4;
        }
        i.addLe(rng.value(), dispSize);
        return b.insn(i).build();
    }

    Unit xchg() {
        int size = g.size();
        Unit.Builder b = new Unit.Builder("XCHG" + size * 8);
        if (size != 1 && rng.chance(0.3)) {
            int r = g.reg(size, 1);
            return b.insn(g.insn(0, size, null, Gen.op(0x90 + r), 0, 0, 0)).build();
        }
        Operand e = g.rm(size, 0, false);
        Gen.setup(b, e, size);
        int pre = e.isMem() && rng.chance(0.2) ? 0xF0 : 0;
        return b.insn(g.insn(pre, size, e, Gen.op(size == 1 ? 0x86 : 0x87), g.reg(size, 0), 0, 0)).build();
    }

    Unit convert() {
        boolean o16 = rng.chance(0.5);
        boolean cwd = rng.chance(0.5);
        Unit.Builder b = new Unit.Builder(cwd ? (o16 ? "CWD" : "CDQ") : (o16 ? "CBW" : "CWDE"));
        if (rng.chance(0.5)) {
            b.insn(Gen.movImm32(Gen.EAX, rng.value()));
        }
        return b.insn(g.insn(0, o16 ? 2 : 4, null, Gen.op(cwd ? 0x99 : 0x98), 0, 0, 0)).build();
    }

    /** XLAT: AL = [EBX + AL] (or [BX + AL] with 67, behind an ES/FS override). */
    Unit xlat() {
        Unit.Builder b = new Unit.Builder("XLAT");
        int off = rng.below(Layout.DATA_SIZE - 256);
        boolean a16 = rng.chance(0.3);
        int seg = a16 || rng.chance(0.3) ? rng.pick(Operand.ES, Operand.FS) : 0;
        int ebx = seg != 0 ? off : Layout.BUF + off;
        if (a16) {
            ebx = rng.bits32() & 0xFFFF0000 | off;
        }
        b.insn(Gen.movImm32(Gen.EBX, ebx));
        ByteList i = new ByteList();
        if (seg != 0) {
            i.add(seg);
        }
        if (a16) {
            i.add(0x67);
        }
        return b.insn(i.add(0xD7)).build();
    }

    Unit lahfSahf() {
        if (rng.chance(0.5)) {
            return new Unit.Builder("LAHF").insn(0x9F).build();
        }
        Unit.Builder b = new Unit.Builder("SAHF");
        if (rng.chance(0.5)) {
            b.insn(0xB4, rng.below(256)); // MOV AH, imm8
        }
        return b.insn(0x9E).build();
    }

    /** CLC STC CMC CLD STD, and SALC (D6, undocumented: AL = CF ? FF : 00). */
    Unit flagControl() {
        String[] names = {"CLC", "STC", "CMC", "CLD", "STD", "SALC"};
        int[] ops = {0xF8, 0xF9, 0xF5, 0xFC, 0xFD, 0xD6};
        int k = rng.below(6);
        return new Unit.Builder(names[k]).insn(ops[k]).build();
    }

    /**
     * BT/BTS/BTR/BTC. A register bit offset into memory may reach far from the operand: the
     * generator picks the dword (or word) it should land in, inside the data area, and sets
     * the offset register to match.
     */
    Unit bitTest() {
        int size = g.sizeV();
        int k = rng.below(4);
        String[] names = {"BT", "BTS", "BTR", "BTC"};
        int[] gvOps = {0xA3, 0xAB, 0xB3, 0xBB};
        boolean imm = rng.chance(0.4);
        Unit.Builder b = new Unit.Builder(names[k] + size * 8 + (imm ? " Ib" : " Gv"));
        if (imm) {
            Operand e = g.rm(size, 0, k == 0);
            Gen.setup(b, e, size);
            int pre = e.isMem() && k != 0 && rng.chance(0.15) ? 0xF0 : 0;
            int ib = rng.chance(0.5) ? rng.below(size * 8) : rng.below(256);
            return b.insn(g.insn(pre, size, e, Gen.op(0x0F, 0xBA), 4 + k, 1, ib)).build();
        }
        int src = g.reg(size, 0);
        if (rng.chance(0.4)) {
            int dst = g.reg(size, 0);
            if (rng.chance(0.5)) {
                b.insn(Gen.movImm32(src, rng.value()));
            }
            return b.insn(g.insn(0, size, Operand.register(dst), Gen.op(0x0F, gvOps[k]), src, 0, 0)).build();
        }
        int off = 0x40 + rng.below(Layout.DATA_SIZE - 0x80);
        Operand e = g.mem.at(off, 1 << src, k == 0);
        Gen.setup(b, e, size);
        int bits = size * 8;
        int units = rng.chance(0.7) ? rng.range(-8, 8) : rng.range(-off / size + 1, (Layout.DATA_SIZE - off) / size - 2);
        int offset = units * bits + rng.below(bits);
        int v = size == 2 ? rng.bits32() & 0xFFFF0000 | offset & 0xFFFF : offset;
        b.insn(Gen.movImm32(src, v));
        int pre = k != 0 && rng.chance(0.15) ? 0xF0 : 0;
        return b.insn(g.insn(pre, size, e, Gen.op(0x0F, gvOps[k]), src, 0, 0)).build();
    }

    /** BSF/BSR, with a zero source now and then (ZF set, destination left alone on this host). */
    Unit bitScan() {
        int size = g.sizeV();
        boolean reverse = rng.chance(0.5);
        Unit.Builder b = new Unit.Builder((reverse ? "BSR" : "BSF") + size * 8);
        boolean zero = rng.chance(0.2);
        Operand e = zero && rng.chance(0.5) ? g.mem.mem(size, 0, false, true) : g.rm(size, 0, !zero);
        Gen.setup(b, e, size);
        int dst = g.reg(size, 0);
        if (zero) {
            if (e.isMem()) {
                b.insn(g.store(e, size, 0));
            } else {
                b.insn(Gen.movImm32(e.reg, size == 2 ? rng.bits32() & 0xFFFF0000 : 0));
            }
        }
        return b.insn(g.insn(0, size, e, Gen.op(0x0F, reverse ? 0xBD : 0xBC), dst, 0, 0)).build();
    }

    Unit setcc() {
        int cc = rng.below(16);
        Unit.Builder b = new Unit.Builder(String.format("SETcc %X", cc));
        Operand e = rng.chance(0.6) ? Operand.register(rng.below(8)) : g.mem.mem(1, 0, false, true);
        Gen.setup(b, e, 1);
        return b.insn(g.insn(0, 4, e, Gen.op(0x0F, 0x90 + cc), rng.below(8), 0, 0)).build();
    }

    /** ARPL Ew, Gw: raises the RPL field of Ew to that of Gw, ZF tells whether it did. */
    Unit arpl() {
        Unit.Builder b = new Unit.Builder("ARPL");
        Operand e = g.rm(2, 0, false);
        Gen.setup(b, e, 2);
        return b.insn(g.insn(0, rng.chance(0.1) ? 2 : 4, e, Gen.op(0x63), g.src(2, 0), 0, 0)).build();
    }

    Unit nop() {
        return new Unit.Builder("NOP").insn(rng.chance(0.7) ? new int[] {0x90} : new int[] {0x66, 0x90}).build();
    }
}
