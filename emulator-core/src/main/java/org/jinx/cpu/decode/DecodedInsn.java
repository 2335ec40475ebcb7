package org.jinx.cpu.decode;

/**
 * One instruction decoded once and cached: prefixes, sizes, ModRM/SIB fields, displacement,
 * immediates and the table row. Immutable after the decoder builds it, so the same object can
 * be executed any number of times.
 */
public final class DecodedInsn {
    // Operand kinds resolved from the row's first two operands.
    public static final int K_NONE = 0, K_E = 1, K_G = 2, K_REG = 3, K_IMM = 4;

    public final OpcodeRow row;
    public final InsnHandler handler;
    /** 0x00-0xFF, or 0x100|op for the 0F map. */
    public final int opcode;
    public final int length;
    /** Operand size in bytes for this instruction's main operation: 1, 2 or 4. */
    public final int osize;
    /** The operand-size attribute (after any 66 prefix): true for 32 bits. */
    public final boolean o32;
    /** The address-size attribute (after any 67 prefix): true for 32 bits. */
    public final boolean a32;
    /** Segment of the memory operand: the override, or DS/SS by the base register. */
    public final int seg;
    public final boolean segOverride;
    /** 0 none, 0xF3 REP/REPE, 0xF2 REPNE. */
    public final int rep;
    public final boolean lock;
    /** ModRM fields; mod is 3 for a register operand (and for instructions without ModRM). */
    public final int mod;
    public final int reg;
    public final int rm;
    /** Memory operand: base and index registers (-1 for none), scale shift and displacement. */
    public final int base;
    public final int index;
    public final int scale;
    public final int disp;
    /** First immediate (sign-extended where the row says so; branch displacement for Jb/Jv). */
    public final int imm;
    /** Second immediate: the selector of Ap, the nesting level of ENTER. */
    public final int imm2;
    /** Kind and register number of the first and second operands. */
    public final int k1;
    public final int r1;
    public final int k2;
    public final int r2;

    DecodedInsn(Builder b) {
        row = b.row;
        handler = b.handler != null ? b.handler : b.row.handler;
        opcode = b.opcode;
        length = b.length;
        osize = b.osize;
        o32 = b.o32;
        a32 = b.a32;
        seg = b.seg;
        segOverride = b.segOverride;
        rep = b.rep;
        lock = b.lock;
        mod = b.mod;
        reg = b.reg;
        rm = b.rm;
        base = b.base;
        index = b.index;
        scale = b.scale;
        disp = b.disp;
        imm = b.imm;
        imm2 = b.imm2;
        k1 = b.k1;
        r1 = b.r1;
        k2 = b.k2;
        r2 = b.r2;
    }

    /** True when the r/m operand is in memory. */
    public boolean isMem() {
        return mod != 3;
    }

    public String mnemonic() {
        return row.mnemonic(o32);
    }

    @Override
    public String toString() {
        return Disassembler.format(this, 0);
    }

    /** Mutable scratch used by the decoder; one per decoder, reused. */
    static final class Builder {
        OpcodeRow row;
        InsnHandler handler;
        int opcode;
        int length;
        int osize;
        boolean o32;
        boolean a32;
        int seg;
        boolean segOverride;
        int rep;
        boolean lock;
        int mod = 3;
        int reg;
        int rm;
        int base = -1;
        int index = -1;
        int scale;
        int disp;
        int imm;
        int imm2;
        int k1;
        int r1;
        int k2;
        int r2;

        void clear() {
            row = null;
            handler = null;
            opcode = 0;
            length = 0;
            osize = 0;
            o32 = false;
            a32 = false;
            seg = -1;
            segOverride = false;
            rep = 0;
            lock = false;
            mod = 3;
            reg = 0;
            rm = 0;
            base = -1;
            index = -1;
            scale = 0;
            disp = 0;
            imm = 0;
            imm2 = 0;
            k1 = 0;
            r1 = 0;
            k2 = 0;
            r2 = 0;
        }
    }
}
