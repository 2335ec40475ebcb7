package org.jinx.conformance;

/**
 * Units for the arithmetic families: the eight ALU operations in every form, TEST, INC/DEC,
 * NEG/NOT, shifts and rotates (by 1, Ib and CL), SHLD/SHRD, MUL/IMUL in one, two and three
 * operand forms, DIV/IDIV with dividends chosen to hit normal, boundary and faulting cases, and
 * the BCD adjustments.
 */
final class ArithUnits {
    private static final String[] ALU = {"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"};
    private static final String[] SHIFT = {"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"};
    private static final int[] COUNTS = {0, 1, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 18, 24, 31, 32, 33, 63, 255};

    private final Gen g;
    private final Rng rng;

    ArithUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    /** A random ALU operation. */
    Unit alu() {
        return alu(rng.below(8));
    }

    /** ADD, SUB or CMP: defines all six arithmetic flags, so it can precede a flag reader. */
    Unit definer() {
        return alu(rng.pick(0, 5, 7));
    }

    Unit alu(int op) {
        int size = g.size();
        int w = size == 1 ? 0 : 1;
        boolean cmp = op == 7;
        int form = rng.below(5);
        Unit.Builder b = new Unit.Builder(ALU[op] + size * 8);
        if (form == 2) { // AL/eAX, imm
            return b.insn(g.insn(0, size, null, Gen.op(op << 3 | 4 | w), 0, Gen.immV(size), rng.imm(size))).build();
        }
        boolean eIsDest = form == 0 || form >= 3;
        Operand e = g.rm(size, 0, cmp || !eIsDest);
        Gen.setup(b, e, size);
        int pre = 0;
        if (eIsDest && !cmp && e.isMem() && rng.chance(0.15)) {
            pre = 0xF0;
        } else if (eIsDest && rng.chance(0.005)) {
            pre = 0xF0; // LOCK on a register destination or on CMP: #UD
        }
        switch (form) {
            case 0:
                return b.insn(g.insn(pre, size, e, Gen.op(op << 3 | w), g.src(size, 0), 0, 0)).build();
            case 1:
                return b.insn(g.insn(0, size, e, Gen.op(op << 3 | 2 | w), g.reg(size, 0), 0, 0)).build();
            case 3: {
                int opc = size == 1 ? (rng.chance(0.2) ? 0x82 : 0x80) : 0x81;
                return b.insn(g.insn(pre, size, e, Gen.op(opc), op, Gen.immV(size), rng.imm(size))).build();
            }
            default: {
                int opc = size == 1 ? 0x80 : 0x83;
                return b.insn(g.insn(pre, size, e, Gen.op(opc), op, 1, rng.imm(1))).build();
            }
        }
    }

    Unit test() {
        int size = g.size();
        int w = size == 1 ? 0 : 1;
        Unit.Builder b = new Unit.Builder("TEST" + size * 8);
        switch (rng.below(3)) {
            case 0:
                return b.insn(g.insn(0, size, null, Gen.op(0xA8 | w), 0, Gen.immV(size), rng.imm(size))).build();
            case 1: {
                Operand e = g.rm(size, 0, true);
                Gen.setup(b, e, size);
                return b.insn(g.insn(0, size, e, Gen.op(0x84 | w), g.reg(size, 0), 0, 0)).build();
            }
            default: {
                Operand e = g.rm(size, 0, true);
                Gen.setup(b, e, size);
                // F6/F7 /1 is an undocumented alias of /0.
                int regField = rng.chance(0.1) ? 1 : 0;
                return b.insn(g.insn(0, size, e, Gen.op(0xF6 | w), regField, Gen.immV(size), rng.imm(size))).build();
            }
        }
    }

    Unit incDec() {
        int size = g.size();
        boolean dec = rng.chance(0.5);
        Unit.Builder b = new Unit.Builder((dec ? "DEC" : "INC") + size * 8);
        if (size != 1 && rng.chance(0.4)) {
            int r = g.reg(size, 0);
            return b.insn(g.insn(0, size, null, Gen.op((dec ? 0x48 : 0x40) + r), 0, 0, 0)).build();
        }
        Operand e = g.rm(size, 0, false);
        Gen.setup(b, e, size);
        int pre = e.isMem() && rng.chance(0.15) ? 0xF0 : 0;
        return b.insn(g.insn(pre, size, e, Gen.op(size == 1 ? 0xFE : 0xFF), dec ? 1 : 0, 0, 0)).build();
    }

    Unit negNot() {
        int size = g.size();
        boolean neg = rng.chance(0.6);
        Unit.Builder b = new Unit.Builder((neg ? "NEG" : "NOT") + size * 8);
        Operand e = g.rm(size, 0, false);
        Gen.setup(b, e, size);
        int pre = e.isMem() && rng.chance(0.15) ? 0xF0 : 0;
        return b.insn(g.insn(pre, size, e, Gen.op(size == 1 ? 0xF6 : 0xF7), neg ? 3 : 2, 0, 0)).build();
    }

    /** A shift count: the interesting ones (0, 1, the width, above 31) more often than uniform. */
    private int count() {
        return rng.chance(0.7) ? rng.pick(COUNTS) : rng.below(256);
    }

    Unit shift() {
        int size = g.size();
        int w = size == 1 ? 0 : 1;
        int op = rng.below(8);
        if (op == 6 && rng.chance(0.7)) {
            op = 4;
        }
        int form = rng.below(3);
        Unit.Builder b = new Unit.Builder(SHIFT[op] + size * 8 + (form == 0 ? " Ib" : form == 1 ? " 1" : " CL"));
        Operand e = g.rm(size, form == 2 ? 1 << Gen.ECX : 0, false);
        Gen.setup(b, e, size);
        if (form == 0) {
            return b.insn(g.insn(0, size, e, Gen.op(0xC0 | w), op, 1, count())).build();
        }
        if (form == 1) {
            return b.insn(g.insn(0, size, e, Gen.op(0xD0 | w), op, 0, 0)).build();
        }
        int n = count();
        b.insn(0xB1, n); // MOV CL, n
        return b.counted(n, g.insn(0, size, e, Gen.op(0xD2 | w), op, 0, 0).toInts()).build();
    }

    Unit doubleShift() {
        int size = g.sizeV();
        boolean right = rng.chance(0.5);
        boolean byCl = rng.chance(0.5);
        int n;
        do {
            n = count();
        } while (size == 2 && (n & 0x1F) > 16 && !g.amdHost); // undefined result, and vendors differ
        Unit.Builder b = new Unit.Builder((right ? "SHRD" : "SHLD") + size * 8 + (byCl ? " CL" : " Ib"));
        Operand e = g.rm(size, byCl ? 1 << Gen.ECX : 0, false);
        Gen.setup(b, e, size);
        int opc = (right ? 0xAC : 0xA4) | (byCl ? 1 : 0);
        int src = g.reg(size, 0);
        if (!byCl) {
            return b.insn(g.insn(0, size, e, Gen.op(0x0F, opc), src, 1, n)).build();
        }
        b.insn(0xB1, n);
        return b.counted(n, g.insn(0, size, e, Gen.op(0x0F, opc), src, 0, 0).toInts()).build();
    }

    /** MUL and IMUL with one operand: EDX:EAX = EAX * r/m. */
    Unit mul() {
        int size = g.size();
        boolean signed = rng.chance(0.5);
        Unit.Builder b = new Unit.Builder((signed ? "IMUL" : "MUL") + size * 8);
        boolean setA = rng.chance(0.5);
        Operand e = g.rm(size, setA ? 1 : 0, true);
        Gen.setup(b, e, size);
        if (setA) {
            b.insn(Gen.movImm32(Gen.EAX, rng.value()));
        }
        return b.insn(g.insn(0, size, e, Gen.op(size == 1 ? 0xF6 : 0xF7), signed ? 5 : 4, 0, 0)).build();
    }

    /** IMUL Gv,Ev and IMUL Gv,Ev,Ib/Iv. */
    Unit imulMulti() {
        int size = g.sizeV();
        int form = rng.below(3);
        Unit.Builder b = new Unit.Builder("IMUL" + size * 8 + (form == 0 ? " Gv,Ev" : form == 1 ? " Gv,Ev,Ib" : " Gv,Ev,Iv"));
        Operand e = g.rm(size, 0, true);
        Gen.setup(b, e, size);
        int dst = g.reg(size, 0);
        if (form == 0) {
            return b.insn(g.insn(0, size, e, Gen.op(0x0F, 0xAF), dst, 0, 0)).build();
        }
        if (form == 1) {
            return b.insn(g.insn(0, size, e, Gen.op(0x6B), dst, 1, rng.imm(1))).build();
        }
        return b.insn(g.insn(0, size, e, Gen.op(0x69), dst, size, rng.imm(size))).build();
    }

    /**
     * DIV and IDIV. The dividend is built from a chosen divisor, quotient and remainder, so most
     * cases divide normally, some have a quotient at the edge of its range, and some fault:
     * divisor zero, quotient too large, or the most negative dividend divided by -1.
     */
    Unit div() {
        int size = g.size();
        boolean signed = rng.chance(0.5);
        Unit.Builder b = new Unit.Builder((signed ? "IDIV" : "DIV") + size * 8);
        int bits = size * 8;
        long mask = bits == 32 ? 0xFFFFFFFFL : (1L << bits) - 1;
        long divisor = rng.value() & mask;
        int kind = rng.below(20);
        if (kind == 0) {
            divisor = 0;
        } else if (divisor == 0) {
            divisor = 1 + rng.below((int) Math.min(mask, 1000));
        }
        long dividend;
        if (signed) {
            long dv = signExtend(divisor, bits);
            long qmax = (1L << (bits - 1)) - 1;
            long q = kind == 1 ? qmax + 1 + rng.below(3) : kind == 2 ? qmax : kind == 3 ? -qmax - 1
                    : signExtend(rng.value() & mask, bits) >> rng.below(bits);
            long r = dv == 0 ? 0 : Math.floorMod(rng.bits64(), Math.abs(dv));
            dividend = q * dv + (q * dv < 0 ? -r : r);
            if (kind == 4) {
                dividend = -(1L << (2 * bits - 1)); // most negative, try with -1
                divisor = mask;
            }
        } else {
            long q = kind == 1 ? mask + 1 + rng.below(3) : kind == 2 ? mask : (rng.value() & mask) >>> rng.below(bits);
            long r = divisor == 0 ? 0 : Long.remainderUnsigned(rng.bits64(), divisor);
            dividend = q * divisor + r;
        }
        if (rng.chance(0.03)) {
            dividend = rng.bits64(); // anything, which mostly overflows
        }
        Operand e;
        boolean store = false;
        if (rng.chance(0.5)) {
            // Dividing by (part of) the dividend itself mostly overflows: keep it rare.
            e = Operand.register(g.reg(size, rng.chance(0.9) ? (size == 1 ? 0x11 : 0x05) : 0));
        } else {
            store = rng.chance(0.9);
            e = g.mem.mem(size, 1 << Gen.EAX | 1 << Gen.EDX, !store, true);
        }
        Gen.setup(b, e, size);
        if (store) {
            b.insn(g.store(e, size, (int) divisor));
        }
        if (size == 1) {
            b.insn(0x66, 0xB8, (int) dividend & 0xFF, (int) (dividend >>> 8) & 0xFF); // MOV AX, imm16
        } else if (size == 2) {
            b.insn(0x66, 0xB8, (int) dividend & 0xFF, (int) (dividend >>> 8) & 0xFF);
            b.insn(0x66, 0xBA, (int) (dividend >>> 16) & 0xFF, (int) (dividend >>> 24) & 0xFF);
        } else {
            b.insn(Gen.movImm32(Gen.EAX, (int) dividend));
            b.insn(Gen.movImm32(Gen.EDX, (int) (dividend >>> 32)));
        }
        if (e.isReg && e.reg != Gen.EAX && e.reg != Gen.EDX && !(size == 1 && e.reg == 4)) {
            b.insn(size == 1 ? new int[] {0xB0 + e.reg, (int) divisor & 0xFF}
                    : size == 2 ? new int[] {0x66, 0xB8 + e.reg, (int) divisor & 0xFF, (int) (divisor >>> 8) & 0xFF}
                    : Gen.movImm32(e.reg, (int) divisor));
        }
        return b.insn(g.insn(0, size, e, Gen.op(size == 1 ? 0xF6 : 0xF7), signed ? 7 : 6, 0, 0)).build();
    }

    private static long signExtend(long v, int bits) {
        return v << (64 - bits) >> (64 - bits);
    }

    /** DAA DAS AAA AAS, AAM Ib and AAD Ib (base 10 mostly; AAM 0 raises #DE). */
    Unit bcd() {
        int k = rng.below(6);
        String[] names = {"DAA", "DAS", "AAA", "AAS", "AAM", "AAD"};
        int[] ops = {0x27, 0x2F, 0x37, 0x3F, 0xD4, 0xD5};
        Unit.Builder b = new Unit.Builder(names[k]);
        if (rng.chance(0.6)) {
            int ax = rng.chance(0.5) ? rng.below(0x10000) : rng.below(10) << 8 | rng.below(10) << 4 | rng.below(16);
            b.insn(0x66, 0xB8, ax & 0xFF, ax >>> 8);
        }
        if (k < 4) {
            return b.insn(ops[k]).build();
        }
        int base = rng.chance(0.6) ? 10 : rng.chance(0.1) ? 0 : rng.below(256);
        return b.insn(ops[k], base).build();
    }
}
