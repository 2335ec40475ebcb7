package org.jinx.conformance;

/**
 * Units whose point is the exception: INT3 and INTO (traps, EIP after them), BOUND (#BR),
 * invalid encodings (#UD: LEA with a register operand, LOCK on an instruction that cannot be
 * locked, undefined group entries), a write through a CS override (#GP(0)) and 16-bit
 * addressing through DS, whose flat base puts the operand in the unmapped first 64K (#PF).
 */
final class FaultUnits {
    private final Gen g;
    private final Rng rng;

    FaultUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    Unit any() {
        switch (rng.below(7)) {
            case 0:
                return new Unit.Builder("INT3").insn(0xCC).build();
            case 1:
                return new Unit.Builder("INTO").insn(0xCE).build();
            case 2:
                return bound();
            case 3:
                return invalid();
            case 4:
                return csWrite();
            case 5:
                return lowAddress();
            default:
                return new Unit.Builder("INT 3 (CD 03)").insn(0xCD, 0x03).build();
        }
    }

    /** BOUND Gv, Ma: the pair of bounds is stored first, the index is in or out of range. */
    private Unit bound() {
        int size = g.sizeV();
        Unit.Builder b = new Unit.Builder("BOUND" + size * 8);
        int r = g.reg(size, 0);
        int off = g.mem.dataOffset(2 * size);
        Operand e = g.mem.at(off, 1 << r, false);
        Gen.setup(b, e, 2 * size);
        int lo = rng.value();
        int hi = rng.chance(0.7) ? lo + rng.below(100) : rng.value();
        if (rng.chance(0.7)) {
            b.insn(Gen.store(e, size, lo));
            // The upper bound follows the lower one: reach it through a second operand at off + size.
            Operand upper = g.mem.at(off + size, 1 << r, false);
            Gen.setup(b, upper, size);
            b.insn(Gen.store(upper, size, hi));
            Gen.setup(b, e, 2 * size);
        }
        int idx = rng.chance(0.5) ? lo + rng.range(-2, 102) : rng.value();
        b.insn(Gen.movImm32(r, idx));
        return b.insn(Gen.insn(0, size, e, Gen.op(0x62), r, 0, 0)).build();
    }

    private Unit invalid() {
        switch (rng.below(5)) {
            case 0: // LEA with a register source
                return new Unit.Builder("LEA reg (#UD)").insn(0x8D, 0xC0 | rng.below(8) << 3 | rng.below(8)).build();
            case 1: // LOCK MOV
                return new Unit.Builder("LOCK MOV (#UD)").insn(0xF0, 0x89, 0x05, 0, 0, Layout.BUF >>> 16 & 0xFF, 0)
                        .build();
            case 2: // LOCK ADD with a register destination
                return new Unit.Builder("LOCK ADD reg (#UD)").insn(0xF0, 0x01, 0xC0 | rng.below(8) << 3 | rng.below(8))
                        .build();
            case 3: // FE /2-/7 are undefined
                return new Unit.Builder("FE /7 (#UD)").insn(0xFE, 0xC0 | rng.range(2, 7) << 3 | rng.below(8)).build();
            default: // FF /7 is undefined
                return new Unit.Builder("FF /7 (#UD)").insn(0xFF, 0xF8 | rng.below(8)).build();
        }
    }

    /** A write through CS: the code segment is not writable, #GP(0) before anything changes. */
    private Unit csWrite() {
        int size = g.size();
        Unit.Builder b = new Unit.Builder("MOV CS:mem (#GP)");
        int off = g.mem.dataOffset(size);
        b.insn(Gen.movImm32(Gen.EBX, Layout.BUF + off));
        int opc = rng.chance(0.5) ? (size == 1 ? 0x88 : 0x89) : (size == 1 ? 0x00 : 0x01);
        ByteList i = new ByteList().add(0x2E);
        if (size == 2) {
            i.add(0x66);
        }
        return b.insn(i.add(opc, 0x03 | rng.below(8) << 3)).build();
    }

    /** 16-bit addressing through DS: the address is below 64K, where nothing is mapped. */
    private Unit lowAddress() {
        int size = g.size();
        Unit.Builder b = new Unit.Builder("MOV [BX] a16 via DS (#PF)");
        int bx = rng.bits32() & 0xFFFF0000 | rng.below(0x10000);
        b.insn(Gen.movImm32(Gen.EBX, bx));
        ByteList i = new ByteList();
        if (size == 2) {
            i.add(0x66);
        }
        boolean store = rng.chance(0.5);
        int opc = (store ? 0x88 : 0x8A) | (size == 1 ? 0 : 1);
        return b.insn(i.add(0x67, opc, 0x07 | g.reg(size, 1 << Gen.EBX) << 3)).build();
    }
}
