package org.jinx.tools.lockstep;

import java.util.List;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Operand;

/**
 * The EFLAGS bits an instruction leaves undefined, which the lockstep does not compare. The
 * static part is the opcode table's {@code flagsUndefined} for the instruction's row. Shifts
 * and rotates add what depends on the count, which the table cannot say:
 * <ul>
 *   <li>a count of 0 (after masking to 5 bits) changes no flag, so none is undefined;</li>
 *   <li>OF is defined only for a count of 1 (386 manual, RCL/RCR/ROL/ROR and SAL/SAR/SHL/SHR:
 *       "OF is undefined for multi-bit shifts/rotates").</li>
 * </ul>
 * The count is read before the instruction executes, from CL or the immediate.
 */
public final class UndefinedFlags {
    private static final int OF = Cpu.OF;

    private UndefinedFlags() {
    }

    /** The undefined flags of {@code d} when it runs on {@code cpu}'s current registers. */
    public static int of(DecodedInsn d, Cpu cpu) {
        return of(d, cpu.reg[Cpu.ECX] & 0xFF);
    }

    /** The same with CL given directly (tests). */
    public static int of(DecodedInsn d, int cl) {
        int undefined = d.row.flagsUndefined();
        if (!isShift(d.row.opcode)) {
            return undefined;
        }
        int count = count(d, cl) & 0x1F;
        if (count == 0) {
            return 0;
        }
        return count == 1 ? undefined : undefined | OF;
    }

    /** Group 2 (C0, C1, D0-D3) and SHLD/SHRD (0F A4, A5, AC, AD). */
    static boolean isShift(int opcode) {
        return opcode == 0xC0 || opcode == 0xC1 || opcode >= 0xD0 && opcode <= 0xD3
                || opcode == 0x1A4 || opcode == 0x1A5 || opcode == 0x1AC || opcode == 0x1AD;
    }

    /** The count operand, the row's last: CL, the constant 1, or an immediate byte. */
    private static int count(DecodedInsn d, int cl) {
        List<Operand> ops = d.row.operands;
        Operand last = ops.get(ops.size() - 1);
        if (last == Operand.CL) {
            return cl;
        }
        if (last == Operand.ONE) {
            return 1;
        }
        return d.imm & 0xFF;
    }
}
