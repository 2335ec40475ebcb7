package org.jinx.cpu.decode;

/** Attributes of an opcode-table row, as bits. */
public final class Attr {
    /** LOCK is legal (with a memory destination). */
    public static final int LOCKABLE = 1;
    /** Ends a pre-decoded block: control transfer, or a change of mode or of interrupt state. */
    public static final int ENDS_BLOCK = 2;
    /** Privileged: #GP(0) unless CPL is 0. */
    public static final int PRIVILEGED = 4;
    /** Takes a REP/REPE/REPNE prefix meaningfully (string instructions). */
    public static final int REP = 8;
    /** Not an instruction of the 386: #UD. */
    public static final int INVALID = 16;
    /** Has a ModRM byte even though no operand names one (x87 escapes, group rows). */
    public static final int MODRM = 32;
    /** Operand size is fixed at 16 bits regardless of prefixes (segment moves, ARPL...). */
    public static final int FIXED16 = 64;

    private Attr() {
    }
}
