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
    /**
     * The host is an AMD processor, whose answers Jinx gives where the manual leaves a result
     * undefined and vendors differ (a 16-bit SHLD/SHRD by more than 16): such cases are only
     * generated then.
     */
    boolean amdHost;

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

    /** A register the instruction only reads: ESP (SP) now and then, since reading it is safe. */
    int src(int size, int avoid) {
        return size != 1 && rng.below(10) == 0 ? ESP : reg(size, avoid);
    }

    /**
     * A register or memory operand. {@code readOnly}: the instruction only reads it, so memory
     * may be reached through CS and the register may be ESP.
     */
    Operand rm(int size, int avoid, boolean readOnly) {
        if (rng.chance(0.5)) {
            return Operand.register(readOnly ? src(size, avoid) : reg(size, avoid));
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
    ByteList insn(int pre, int size, Operand e, int[] opcode, int regField, int immSize, int imm) {
        ByteList out = new ByteList();
        if (pre != 0) {
            out.add(pre);
        }
        boolean noMemory = e == null || e.isReg;
        if (noMemory && rng.below(50) == 0) {
            out.add(SEGMENTS[rng.below(SEGMENTS.length)]); // a segment override with nothing to override
        }
        if (e != null) {
            e.prefixes(out);
        }
        if (size == 2) {
            out.add(0x66);
            if (rng.below(100) == 0) {
                out.add(0x66); // a repeated prefix counts once
            }
        }
        if (e != null) {
            e.addrPrefix(out);
        }
        if (noMemory && rng.below(50) == 0) {
            out.add(0x67); // an address size with no address
        }
        if (rng.below(10) == 0) {
            shufflePrefixes(out);
        }
        out.add(opcode);
        if (e != null) {
            e.modrm(out, regField);
        }
        out.addLe(imm, immSize);
        return out;
    }

    /** Prefixes may come in any order: shuffles those at the start of {@code out}. */
    private void shufflePrefixes(ByteList out) {
        int[] b = out.toInts();
        int n = 0;
        while (n < b.length && isPrefix(b[n])) {
            n++;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.below(i + 1);
            int t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        out.clear();
        out.add(b);
    }

    private static boolean isPrefix(int x) {
        return x == 0x26 || x == 0x2E || x == 0x36 || x == 0x3E || x == 0x64 || x == 0x65 || x == 0x66 || x == 0x67
                || x == 0xF0;
    }

    /** Segment overrides sprinkled on instructions that have no memory operand. */
    private static final int[] SEGMENTS = {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65};

    static int[] op(int... b) {
        return b;
    }

    /** Immediate size of an Iv/Iz operand. */
    static int immV(int size) {
        return size == 1 ? 1 : size == 2 ? 2 : 4;
    }

    /** MOV r32, imm32. */
    static int[] movImm32(int r, int v) {
        return Operand.movImm32(r, v);
    }

    /** Stores {@code v} into the memory operand with MOV (C6/C7), so the operand's value is chosen. */
    ByteList store(Operand e, int size, int v) {
        return insn(0, size, e, op(size == 1 ? 0xC6 : 0xC7), 0, immV(size), v);
    }
}
