package org.jinx.conformance;

/**
 * Units whose point is the exception: INT3 and INTO (traps, EIP after them), BOUND (#BR),
 * invalid encodings (#UD: LEA with a register operand, LOCK on an instruction that cannot be
 * locked, undefined group entries), a write through a CS override (#GP(0)), 16-bit addressing
 * through DS, whose flat base puts the operand in the unmapped first 64K (#PF), instructions
 * that CPL 3 may not run (#GP(0)), an instruction longer than 15 bytes (#GP(0)), an operand
 * past the ES/FS segment limit (#GP(0)), an operand that runs off the end of the buffer into
 * an unmapped page (#PF, nothing written), and branches with a 16-bit operand size, which cut
 * EIP to 16 bits and so fetch from the unmapped first 64K (#PF).
 */
final class FaultUnits {
    private final Gen g;
    private final Rng rng;

    FaultUnits(Gen g) {
        this.g = g;
        this.rng = g.rng;
    }

    Unit any() {
        switch (rng.below(12)) {
            case 7:
                return privileged();
            case 8:
                return tooLong();
            case 9:
                return pastLimit();
            case 10:
                return offTheEnd();
            case 11:
                return ipWrap();
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
            b.insn(g.store(e, size, lo));
            // The upper bound follows the lower one: reach it through a second operand at off + size.
            Operand upper = g.mem.at(off + size, 1 << r, false);
            Gen.setup(b, upper, size);
            b.insn(g.store(upper, size, hi));
            Gen.setup(b, e, 2 * size);
        }
        int idx = rng.chance(0.5) ? lo + rng.range(-2, 102) : rng.value();
        b.insn(Gen.movImm32(r, idx));
        return b.insn(g.insn(0, size, e, Gen.op(0x62), r, 0, 0)).build();
    }

    private Unit invalid() {
        switch (rng.below(6)) {
            case 5: // UD2: not a 386 instruction, but undefined there too
                return new Unit.Builder("UD2 (#UD)").insn(0x0F, 0x0B).build();
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

    /** Instructions for CPL 0 (or for IOPL >= CPL): #GP(0) at CPL 3 with IOPL 0. */
    private Unit privileged() {
        int[][] codes = {
            {0xF4}, {0xFA}, {0xFB}, {0xE4, 0x80}, {0xE5, 0x61}, {0xEC}, {0xED}, {0xE6, 0x80}, {0xEE}, {0x66, 0xEF},
            {0x6C}, {0x6F}, {0x0F, 0x20, 0xC0}, {0x0F, 0x22, 0xD8}, {0x0F, 0x21, 0xF8}, {0x0F, 0x23, 0xC0},
            {0x0F, 0x06}, {0x0F, 0x01, 0xF0}, {0x0F, 0x00, 0xD0}, {0x0F, 0x00, 0xD8},
            {0x0F, 0x01, 0x15, 0, 0x01, Layout.BUF >>> 16 & 0xFF, 0}, {0x0F, 0x01, 0x1D, 0, 0x01, Layout.BUF >>> 16 & 0xFF, 0},
        };
        int[] c = codes[rng.below(codes.length)];
        Unit.Builder b = new Unit.Builder(String.format("privileged %02X (#GP)", c[0] == 0x0F || c[0] == 0x66 ? c[1] : c[0]));
        if (c[0] == 0x6C || c[0] == 0x66 && c[1] == 0x6F || c[0] == 0x6F) {
            b.insn(Gen.movImm32(Gen.EDI, 0x100)).insn(Gen.movImm32(Gen.ESI, Layout.BUF + 0x100));
        }
        return b.insn(c).build();
    }

    /** Prefixes that take an instruction to exactly 15 bytes (runs) or 16 (#GP(0)). */
    private Unit tooLong() {
        int total = rng.chance(0.5) ? 15 : 16;
        Unit.Builder b = new Unit.Builder(total + "-byte instruction" + (total > 15 ? " (#GP)" : ""));
        b.insn(Gen.movImm32(Gen.EBX, Layout.BUF + g.mem.dataOffset(4)));
        int[] insn = new int[total];
        for (int i = 0; i < total - 2; i++) {
            insn[i] = rng.pick(0x3E, 0x36, 0x2E, 0x66); // none moves the operand
        }
        insn[total - 2] = 0x8B; // MOV r, [EBX]: DS and SS are flat, 66 only narrows it
        insn[total - 1] = 0x03 | g.reg(4, 1 << Gen.EBX) << 3;
        return b.insn(insn).build();
    }

    /** An ES or FS operand whose last byte lies past the segment's limit of 0xFFFF. */
    private Unit pastLimit() {
        int size = g.sizeV();
        int off = 0x10000 - rng.range(1, size - 1) + (rng.chance(0.3) ? rng.below(0x100) : 0);
        Unit.Builder b = new Unit.Builder("ES/FS past the limit (#GP)");
        ByteList i = new ByteList().add(rng.pick(Operand.ES, Operand.FS));
        if (size == 2) {
            i.add(0x66);
        }
        i.add(rng.chance(0.5) ? 0x8B : 0x89, 0x05 | g.reg(size, 0) << 3).addLe(off, 4);
        return b.insn(i).build();
    }

    /** A read, write or read-modify-write that starts in the buffer and ends in the unmapped page after it. */
    private Unit offTheEnd() {
        int size = g.sizeV();
        int addr = Layout.BUF + Layout.BUF_SIZE - rng.range(1, size - 1);
        Unit.Builder b = new Unit.Builder("operand across the buffer's end (#PF)");
        b.insn(Gen.movImm32(Gen.EBX, addr));
        int opc = rng.pick(0x8B, 0x89, 0x01, 0x87);
        ByteList i = new ByteList();
        if (size == 2) {
            i.add(0x66);
        }
        return b.insn(i.add(opc, 0x03 | g.reg(size, 1 << Gen.EBX) << 3)).build();
    }

    /** JMP, Jcc or CALL with a 66 prefix: EIP is cut to 16 bits, the next fetch faults. */
    private Unit ipWrap() {
        switch (rng.below(5)) {
            case 3: { // LOOP with a 16-bit operand size: taken unless ECX was 1
                Unit.Builder b = new Unit.Builder("LOOP o16");
                b.insn(Gen.movImm32(Gen.ECX, rng.pick(1, 2, 0x10001, 0)));
                return b.insn(0x66, 0xE2, rng.below(256)).build();
            }
            case 4: { // CALL +0; RET with a 16-bit operand size: pops only IP
                return new Unit.Builder("RET o16 (#PF)").touches(-4, 0).insn(0xE8, 0, 0, 0, 0).insn(0x66, 0xC3).build();
            }
            case 0:
                return new Unit.Builder("JMP rel8 o16 (#PF)").insn(0x66, 0xEB, rng.below(256)).build();
            case 1: {
                int cc = rng.below(16);
                return new Unit.Builder(String.format("Jcc %X rel16 o16", cc)).insn(0x66, 0x0F, 0x80 + cc, rng.below(256),
                        rng.below(256)).build();
            }
            default:
                return new Unit.Builder("CALL rel16 o16 (#PF)").espDelta(-2).touches(-2, 0)
                        .insn(0x66, 0xE8, rng.below(256), rng.below(256)).build();
        }
    }
}
