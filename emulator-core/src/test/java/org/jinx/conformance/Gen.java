package org.jinx.conformance;

/**
 * What every unit factory shares: the random source, the memory-operand chooser, ESP at the
 * point the unit will run, and the assembler for one instruction (prefixes, opcode, ModRM,
 * immediate).
 */
class Gen {
    static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;

    final Rng rng;
    final Operand.Chooser mem;
    /** ESP before the unit being generated (statically known: see {@link Analysis}). */
    int esp = Layout.ESP_START;
    /** True while generating the units a branch may skip: they must not move ESP. */
    boolean inBody;

    Gen(Rng rng) {
        this.rng = rng;
        this.mem = new Operand.Chooser(rng);
    }

    /** Operand size: 1, 2 or 4 bytes. */
    int size() {
        int x = rng.below(10);
        return x < 3 ? 1 : x < 5 ? 2 : 4;
    }

    /** 2 or 4 bytes. */
    int sizeV() {
        return rng.chance(0.35) ? 2 : 4;
    }

    /** A register the instruction may write at operand size {@code size}: never ESP/SP. */
    int reg(int size, int avoid) {
        for (int tries = 0; tries < 64; tries++) {
            int r = rng.below(8);
            if ((size == 1 || r != ESP) && (avoid & 1 << r) == 0) {
                return r;
            }
        }
        return EAX;
    }

    /** A register or memory operand; memory is read-only when {@code readOnly} (so CS: may be used). */
    Operand rm(int size, int avoid, boolean readOnly) {
        if (rng.chance(0.5)) {
            return Operand.register(reg(size, avoid));
        }
        return mem.mem(size, avoid, readOnly, true);
    }

    /** Adds the operand's setup instructions and its stack footprint to the unit. */
    static void setup(Unit.Builder b, Operand e, int size) {
        for (int[] s : e.setup) {
            b.insn(s);
        }
        if (e.espBased) {
            b.touches(e.espOffset, e.espOffset + size);
        }
    }

    /**
     * One instruction: {@code pre} (F0/F2/F3 or 0), segment override, 66 when {@code size} is
     * 2, 67 for 16-bit addressing, the opcode bytes, ModRM with {@code regField} when {@code e}
     * is non-null, then an immediate of {@code immSize} bytes.
     */
    static ByteList insn(int pre, int size, Operand e, int[] opcode, int regField, int immSize, int imm) {
        ByteList out = new ByteList();
        if (pre != 0) {
            out.add(pre);
        }
        if (e != null) {
            e.prefixes(out);
        }
        if (size == 2) {
            out.add(0x66);
        }
        if (e != null) {
            e.addrPrefix(out);
        }
        out.add(opcode);
        if (e != null) {
            e.modrm(out, regField);
        }
        out.addLe(imm, immSize);
        return out;
    }

    static int[] op(int... b) {
        return b;
    }

    /** Immediate size of an Iv/Iz operand. */
    static int immV(int size) {
        return size == 1 ? 1 : size == 2 ? 2 : 4;
    }

    /** 8-bit register names for unit descriptions. */
    static String regName(int size, int r) {
        String[] n8 = {"AL", "CL", "DL", "BL", "AH", "CH", "DH", "BH"};
        String[] n16 = {"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI"};
        String[] n32 = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};
        return size == 1 ? n8[r] : size == 2 ? n16[r] : n32[r];
    }

    /** MOV r32, imm32. */
    static int[] movImm32(int r, int v) {
        return Operand.movImm32(r, v);
    }

    /** Stores {@code v} into the memory operand with MOV (C6/C7), so the operand's value is chosen. */
    static ByteList store(Operand e, int size, int v) {
        return insn(0, size, e, op(size == 1 ? 0xC6 : 0xC7), 0, immV(size), v);
    }
}
