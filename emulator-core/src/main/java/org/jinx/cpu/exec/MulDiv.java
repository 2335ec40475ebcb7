package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Multiplication and division: MUL IMUL (one, two and three operands), DIV IDIV.
 *
 * <p>Flags. MUL and IMUL define only CF and OF (set when the product does not fit in the low
 * half, or in the destination for the two- and three-operand forms); the manual leaves SF ZF AF
 * PF undefined, and we derive SF ZF PF from the stored low half and clear AF. DIV and IDIV
 * leave all six flags undefined; we leave them unchanged.
 *
 * <p>Clocks. The 80386 multiplies with an early-out algorithm (Programmer's Reference Manual,
 * chapter 17, MUL/IMUL notes): a register-form multiply takes
 * {@code max(ceiling(log2(|m|)), 3) + 6} clocks, or 9 when {@code m = 0}, where {@code m} is the
 * "optimizing multiplier" (the r/m operand, or the immediate of the three-operand form). The
 * memory form adds 3, which the table's memory count already holds. The table charges the
 * minimum, 9 (12); {@link #earlyOut} adds the rest through {@code extraCycles}. Division takes
 * a fixed count by operand size: the table's row for F7 serves both 16- and 32-bit operands and
 * holds the 16-bit count (DIV 22/25, IDIV 27/30), so a 32-bit division adds
 * {@link #DIV32_CLOCKS} (DIV 38/41, IDIV 43/46).
 *
 * <p>#DE is a fault: every check happens before any register is written.
 */
public final class MulDiv {
    /** Clocks a 32-bit DIV or IDIV takes beyond the 16-bit count of the shared F7 row. */
    private static final int DIV32_CLOCKS = 16;

    private MulDiv() {
    }

    // ---------------------------------------------------------------- multiply

    /** MUL r/m: AX = AL * r/m8, DX:AX = AX * r/m16, EDX:EAX = EAX * r/m32 (unsigned). */
    public static void mul(Cpu cpu, DecodedInsn d) {
        int m = cpu.getOp1(d);
        boolean high;
        int low;
        switch (d.osize) {
            case 1: {
                int r = (cpu.reg[Cpu.EAX] & 0xFF) * m;
                cpu.setReg16(Cpu.EAX, r);
                high = (r & 0xFF00) != 0;
                low = r;
                break;
            }
            case 2: {
                // At most 0xFFFF * 0xFFFF = 0xFFFE0001: the int holds all 32 bits.
                int r = (cpu.reg[Cpu.EAX] & 0xFFFF) * m;
                cpu.setReg16(Cpu.EAX, r);
                cpu.setReg16(Cpu.EDX, r >>> 16);
                high = (r >>> 16) != 0;
                low = r;
                break;
            }
            default: {
                // The 64-bit product of two unsigned 32-bit values: Java's wrap-around multiply
                // yields exactly its bits.
                long r = (cpu.reg[Cpu.EAX] & 0xFFFFFFFFL) * (m & 0xFFFFFFFFL);
                cpu.reg[Cpu.EAX] = (int) r;
                cpu.reg[Cpu.EDX] = (int) (r >>> 32);
                high = (r >>> 32) != 0;
                low = (int) r;
                break;
            }
        }
        setMulFlags(cpu, d.osize, low, high);
        earlyOut(cpu, m & 0xFFFFFFFFL);
    }

    /** IMUL r/m (F6/F7 /5): the signed double-width product in AX, DX:AX or EDX:EAX. */
    public static void imul1(Cpu cpu, DecodedInsn d) {
        int m = signExtend(cpu.getOp1(d), d.osize);
        boolean overflow;
        int low;
        switch (d.osize) {
            case 1: {
                int r = (byte) cpu.reg[Cpu.EAX] * m;
                cpu.setReg16(Cpu.EAX, r);
                overflow = r != (byte) r;
                low = r;
                break;
            }
            case 2: {
                int r = (short) cpu.reg[Cpu.EAX] * m;
                cpu.setReg16(Cpu.EAX, r);
                cpu.setReg16(Cpu.EDX, r >>> 16);
                overflow = r != (short) r;
                low = r;
                break;
            }
            default: {
                long r = (long) cpu.reg[Cpu.EAX] * m;
                cpu.reg[Cpu.EAX] = (int) r;
                cpu.reg[Cpu.EDX] = (int) (r >>> 32);
                overflow = r != (int) r;
                low = (int) r;
                break;
            }
        }
        setMulFlags(cpu, d.osize, low, overflow);
        earlyOut(cpu, Math.abs((long) m));
    }

    /** IMUL Gv,Ev (0F AF): the product truncated to the register; the multiplier is Ev. */
    public static void imul2(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int m = signExtend(cpu.getOp2(d), d.osize);
        imulTruncated(cpu, d, a, m);
    }

    /** IMUL Gv,Ev,Iv|Ibs (69, 6B): Gv = Ev * immediate; the multiplier is the immediate. */
    public static void imul3(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp2(d);
        int m = signExtend(d.imm, d.osize);
        imulTruncated(cpu, d, a, m);
    }

    private static void imulTruncated(Cpu cpu, DecodedInsn d, int a, int m) {
        long r = (long) signExtend(a, d.osize) * m;
        boolean overflow = d.osize == 2 ? r != (short) r : r != (int) r;
        cpu.setOp1(d, (int) r);
        setMulFlags(cpu, d.osize, (int) r, overflow);
        earlyOut(cpu, Math.abs((long) m));
    }

    private static void setMulFlags(Cpu cpu, int size, int low, boolean overflow) {
        cpu.setLazy(Cpu.LF_RESULT, size, 0, 0, low, Cpu.ARITH_FLAGS);
        cpu.setFlag(Cpu.CF, overflow);
        cpu.setFlag(Cpu.OF, overflow);
    }

    /**
     * Charges the clocks of the early-out algorithm above the table's 9: for |m| > 8,
     * ceiling(log2 |m|) - 3 more. ceiling(log2 x) for x >= 1 is the bit length of x - 1.
     */
    private static void earlyOut(Cpu cpu, long magnitude) {
        if (magnitude > 8) {
            cpu.extraCycles += 64 - Long.numberOfLeadingZeros(magnitude - 1) - 3;
        }
    }

    private static int signExtend(int v, int size) {
        return size == 1 ? (byte) v : size == 2 ? (short) v : v;
    }

    // ---------------------------------------------------------------- divide

    /**
     * DIV r/m: AX / r/m8 to AL (quotient) and AH (remainder); DX:AX / r/m16 to AX, DX;
     * EDX:EAX / r/m32 to EAX, EDX (unsigned). #DE for a zero divisor or a quotient too wide.
     */
    public static void div(Cpu cpu, DecodedInsn d) {
        int m = cpu.getOp1(d);
        switch (d.osize) {
            case 1: {
                if (m == 0) {
                    throw divideError(cpu);
                }
                int n = cpu.reg[Cpu.EAX] & 0xFFFF;
                int q = n / m;
                if (q > 0xFF) {
                    throw divideError(cpu);
                }
                cpu.setReg16(Cpu.EAX, (n % m) << 8 | q);
                break;
            }
            case 2: {
                if (m == 0) {
                    throw divideError(cpu);
                }
                long n = (cpu.reg[Cpu.EDX] & 0xFFFFL) << 16 | cpu.reg[Cpu.EAX] & 0xFFFF;
                long q = n / m;
                if (q > 0xFFFF) {
                    throw divideError(cpu);
                }
                cpu.setReg16(Cpu.EAX, (int) q);
                cpu.setReg16(Cpu.EDX, (int) (n % m));
                break;
            }
            default: {
                long divisor = m & 0xFFFFFFFFL;
                long hi = cpu.reg[Cpu.EDX] & 0xFFFFFFFFL;
                // The quotient fits in 32 bits exactly when EDX < divisor (this also catches 0).
                if (hi >= divisor) {
                    throw divideError(cpu);
                }
                long n = hi << 32 | cpu.reg[Cpu.EAX] & 0xFFFFFFFFL;
                cpu.reg[Cpu.EAX] = (int) Long.divideUnsigned(n, divisor);
                cpu.reg[Cpu.EDX] = (int) Long.remainderUnsigned(n, divisor);
                cpu.extraCycles += DIV32_CLOCKS;
                break;
            }
        }
    }

    /**
     * IDIV r/m: signed division of AX, DX:AX or EDX:EAX. The quotient is truncated toward zero
     * and the remainder has the dividend's sign (as Java's / and %). #DE for a zero divisor or a
     * quotient outside the destination's signed range, which includes the most negative dividend
     * divided by -1.
     */
    public static void idiv(Cpu cpu, DecodedInsn d) {
        int m = signExtend(cpu.getOp1(d), d.osize);
        if (m == 0) {
            throw divideError(cpu);
        }
        switch (d.osize) {
            case 1: {
                int n = (short) cpu.reg[Cpu.EAX];
                int q = n / m;
                if (q != (byte) q) {
                    throw divideError(cpu);
                }
                cpu.setReg16(Cpu.EAX, (n % m) << 8 | q & 0xFF);
                break;
            }
            case 2: {
                // Integer.MIN_VALUE / -1 wraps to MIN_VALUE in Java, which fails the range test.
                int n = cpu.reg[Cpu.EDX] << 16 | cpu.reg[Cpu.EAX] & 0xFFFF;
                int q = n / m;
                if (q != (short) q) {
                    throw divideError(cpu);
                }
                cpu.setReg16(Cpu.EAX, q);
                cpu.setReg16(Cpu.EDX, n % m);
                break;
            }
            default: {
                long n = (long) cpu.reg[Cpu.EDX] << 32 | cpu.reg[Cpu.EAX] & 0xFFFFFFFFL;
                long q = n / m;
                if (q != (int) q) {
                    throw divideError(cpu);
                }
                cpu.reg[Cpu.EAX] = (int) q;
                cpu.reg[Cpu.EDX] = (int) (n % m);
                cpu.extraCycles += DIV32_CLOCKS;
                break;
            }
        }
    }

    private static RuntimeException divideError(Cpu cpu) {
        return cpu.fault(Exceptions.DE);
    }
}
