package org.jinx.conformance;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Which arithmetic flags an instruction reads, may change, and leaves undefined: the one place
 * the differential tester learns this. The fixed part is the opcode table's own data
 * ({@code OpcodeRow.flagsWritten()} and {@code flagsUndefined()}, taken from the 80386 manual
 * and the SDM, undefined in either counts). What depends on the operands at run time is added
 * here, from the SDM's descriptions, and listed in docs/cpu-conformance.md:
 *
 * <ul>
 *   <li>Shifts and rotates whose count (masked to 5 bits) is 0 change no flag.</li>
 *   <li>OF is undefined after a shift, rotate or double shift by more than 1.</li>
 *   <li>CF is undefined after SHL/SHR (and the SAL alias /6) by at least the operand width.</li>
 *   <li>A 16-bit SHLD/SHRD by more than 16 leaves every flag (and the result) undefined.</li>
 *   <li>RCL/RCR whose count is a multiple of width + 1 leave CF as it was.</li>
 *   <li>A REP string instruction that runs no iteration changes no flag.</li>
 * </ul>
 *
 * The flags an instruction reads are the other half of the bookkeeping: the generator must
 * not let an undefined flag flow into a result (Jcc, SETcc, ADC, PUSHF, ...).
 */
final class UndefinedFlags {
    static final int C = Cpu.CF, P = Cpu.PF, A = Cpu.AF, Z = Cpu.ZF, S = Cpu.SF, O = Cpu.OF;
    static final int OSZAPC = Cpu.ARITH_FLAGS;
    /** Count unknown: assume the worst case for the data-dependent rules. */
    static final int UNKNOWN = -1;

    private UndefinedFlags() {
    }

    /** Flags read by condition code {@code cc} (low nibble of Jcc/SETcc). */
    static int condition(int cc) {
        switch (cc >>> 1) {
            case 0: return O;
            case 1: return C;
            case 2: return Z;
            case 3: return C | Z;
            case 4: return S;
            case 5: return P;
            case 6: return S | O;
            default: return Z | S | O;
        }
    }

    /**
     * Flags the instruction's result depends on. {@code count} is the CL value for shifts by
     * CL, else {@link #UNKNOWN}.
     */
    static int read(DecodedInsn d, int count) {
        int op = d.opcode;
        if (op >= 0x70 && op <= 0x7F || op >= 0x180 && op <= 0x19F) {
            return condition(op & 0xF);
        }
        switch (d.row.mnemonic) {
            case "ADC": case "SBB": case "CMC": case "SALC":
                return C;
            case "RCL": case "RCR":
                return shiftCount(d, count) == 0 ? 0 : C;
            case "DAA": case "DAS":
                return A | C;
            case "AAA": case "AAS":
                return A;
            case "LAHF":
                return S | Z | A | P | C;
            case "PUSHF":
                return OSZAPC;
            case "LOOPE": case "LOOPNE":
                return Z;
            case "INTO":
                return O;
            default:
                return 0;
        }
    }

    /** Flags the instruction may change (defined or not). */
    static int written(DecodedInsn d, int count) {
        int w = d.row.flagsWritten();
        if (w == 0) {
            return 0;
        }
        if (d.row.has(org.jinx.cpu.decode.Attr.REP) && d.rep != 0 && count == 0) {
            return 0;
        }
        if (!isShift(d)) {
            return w;
        }
        int n = shiftCount(d, count);
        if (n == 0) {
            return 0;
        }
        if ((d.row.mnemonic.equals("RCL") || d.row.mnemonic.equals("RCR")) && n > 0 && n % (d.osize * 8 + 1) == 0) {
            return w & ~C;
        }
        return w;
    }

    /** Flags whose value after the instruction the manuals leave undefined. */
    static int undefined(DecodedInsn d, int count) {
        int u = d.row.flagsUndefined();
        if (!isShift(d)) {
            return u;
        }
        int n = shiftCount(d, count);
        if (n == 0) {
            return 0;
        }
        int width = d.osize * 8;
        String mn = d.row.mnemonic;
        if (mn.equals("SHLD") || mn.equals("SHRD")) {
            if (width == 16 && (n < 0 || n > 16)) {
                return OSZAPC;
            }
        }
        if (n != 1) {
            u |= O;
        }
        if ((mn.equals("SHL") || mn.equals("SHR") || mn.equals("SAL")) && (n < 0 || n >= width)) {
            u |= C;
        }
        return u & written(d, count);
    }

    static boolean isShift(DecodedInsn d) {
        int op = d.opcode;
        return op >= 0xC0 && op <= 0xC1 || op >= 0xD0 && op <= 0xD3 || op == 0x1A4 || op == 0x1A5 || op == 0x1AC
                || op == 0x1AD;
    }

    /** The shift count masked to 5 bits, or -1 when it comes from CL and CL is unknown. */
    static int shiftCount(DecodedInsn d, int count) {
        int op = d.opcode;
        if (op == 0xD0 || op == 0xD1) {
            return 1;
        }
        if (op == 0xC0 || op == 0xC1 || op == 0x1A4 || op == 0x1AC) {
            return d.imm & 0x1F;
        }
        if (op == 0xD2 || op == 0xD3 || op == 0x1A5 || op == 0x1AD) {
            return count < 0 ? -1 : count & 0x1F;
        }
        return -1;
    }
}
