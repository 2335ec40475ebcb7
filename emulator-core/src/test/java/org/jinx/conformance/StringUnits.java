package org.jinx.conformance;

/**
 * Units for MOVS, CMPS, STOS, LODS and SCAS in 8/16/32-bit sizes, with and without REP, REPE
 * and REPNE, with 32- and 16-bit addressing and a source segment override. The destination is
 * always ES:EDI and ES is based at the buffer, so EDI (or DI) holds a buffer offset. Counts are
 * small and both pointers start far enough from the ends of the data area that either
 * direction stays inside it, whatever DF is at that point.
 */
final class StringUnits {
    private static final String[] NAMES = {"MOVS", "CMPS", "STOS", "LODS", "SCAS"};
    private static final int[] OPS = {0xA4, 0xA6, 0xAA, 0xAC, 0xAE};

    private final Gen g;
    private final Rng rng;

    StringUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    /**
     * A 16-bit string operation that runs DI (or SI) past 0 or 0xFFFF: only the low half
     * wraps, and the next element lies at the top of the 64K segment, past the buffer (#PF).
     */
    Unit wrap() {
        int k = rng.pick(0, 2, 3);
        int size = g.size();
        boolean down = rng.chance(0.5);
        int count = rng.range(2, 6);
        Unit.Builder b = new Unit.Builder("REP " + NAMES[k] + size * 8 + " a16 wrapping " + (down ? "down" : "up"));
        int edge = down ? rng.below(size * 2) : 0x10000 - size * rng.range(1, 2);
        int other = 0x100 + rng.below(0x100);
        int seg = rng.pick(Operand.ES, Operand.FS);
        if (k == 0 || k == 3) {
            b.insn(Gen.movImm32(Gen.ESI, rng.bits32() & 0xFFFF0000 | (k == 3 ? edge : other)));
        }
        if (k != 3) {
            b.insn(Gen.movImm32(Gen.EDI, rng.bits32() & 0xFFFF0000 | edge));
        }
        b.insn(Gen.movImm32(Gen.ECX, rng.bits32() & 0xFFFF0000 | count));
        b.insn(down ? 0xFD : 0xFC);
        ByteList i = new ByteList().add(0xF3);
        if (k != 2) {
            i.add(seg);
        }
        if (size == 2) {
            i.add(0x66);
        }
        i.add(0x67, OPS[k] | (size == 1 ? 0 : 1));
        return b.counted(count, i.toInts()).build();
    }

    Unit string() {
        if (rng.chance(0.03)) {
            return wrap();
        }
        int k = rng.below(5);
        int size = g.size();
        boolean hasSource = k <= 1 || k == 3;
        int x = rng.below(10);
        int rep = x < 5 ? 0xF3 : x < 8 ? 0xF2 : 0;
        boolean a16 = rng.chance(0.25);
        int seg = 0;
        if (hasSource) {
            int s = rng.below(10);
            seg = a16 ? (rng.chance(0.97) ? rng.pick(Operand.ES, Operand.FS) : 0)
                    : s < 5 ? 0 : s < 7 ? Operand.FS : s < 8 ? Operand.ES : s < 9 ? Operand.SS : Operand.CS;
        }
        String name = (rep == 0xF3 ? (k == 1 || k == 4 ? "REPE " : "REP ") : rep == 0xF2 ? "REPNE " : "")
                + NAMES[k] + size * 8 + (a16 ? " a16" : "");
        Unit.Builder b = new Unit.Builder(name);
        int count = rep != 0 ? (rng.chance(0.1) ? 0 : rng.range(1, 12)) : 1;
        int span = (count + 1) * size + 4;
        if (hasSource) {
            int off = rng.chance(0.3) ? 0x100 + rng.below(0x40) : rng.range(span, Layout.DATA_SIZE - span);
            off = Math.max(span, Math.min(off, Layout.DATA_SIZE - span));
            boolean based = seg == Operand.ES || seg == Operand.FS;
            int esi = a16 ? rng.bits32() & 0xFFFF0000 | off : based ? off : Layout.BUF + off;
            b.insn(Gen.movImm32(Gen.ESI, esi));
        }
        if (k != 3) {
            int off = rng.chance(0.3) ? 0x100 + rng.below(0x40) : rng.range(span, Layout.DATA_SIZE - span);
            off = Math.max(span, Math.min(off, Layout.DATA_SIZE - span));
            b.insn(Gen.movImm32(Gen.EDI, a16 ? rng.bits32() & 0xFFFF0000 | off : off));
        }
        if (rep != 0) {
            b.insn(Gen.movImm32(Gen.ECX, a16 ? rng.bits32() & 0xFFFF0000 | count : count));
        }
        if ((k == 2 || k == 4) && rng.chance(0.5)) {
            b.insn(Gen.movImm32(Gen.EAX, rng.value()));
        }
        ByteList i = new ByteList();
        if (rep != 0) {
            i.add(rep);
        }
        if (seg == 0 && !hasSource && rng.chance(0.2)) {
            seg = rng.pick(Operand.ES, Operand.CS, Operand.SS, Operand.DS, Operand.FS, 0x65); // ES:EDI ignores it
        }
        if (seg != 0) {
            i.add(seg);
        }
        if (size == 2) {
            i.add(0x66);
        }
        if (a16) {
            i.add(0x67);
        }
        i.add(OPS[k] | (size == 1 ? 0 : 1));
        return b.counted(rep != 0 ? count : UndefinedFlags.UNKNOWN, i.toInts()).build();
    }
}
