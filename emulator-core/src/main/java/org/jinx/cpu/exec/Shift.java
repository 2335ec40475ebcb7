package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Shifts and rotates: ROL ROR RCL RCR SHL SHR SAR (group 2: C0/C1 count Ib, D0/D1 count 1,
 * D2/D3 count CL; /6 is SHL), SHLD SHRD (0F A4/A5/AC/AD, count Ib or CL).
 *
 * <p>The 80386 masks every count to 5 bits. A masked count of 0 is a no-op: no flag changes and
 * nothing is written, though a memory operand is still read and its segment checked for
 * writing, so an inaccessible operand faults as it would with any other count.
 *
 * <p>OF is defined only for a 1-bit shift. For larger counts we apply the same SDM formula
 * (the one its pseudo-code gives for count 1) rather than invent another: SHL and ROL
 * {@code MSB(result) XOR CF}; SHR {@code MSB(original)}; SAR 0; ROR
 * {@code MSB(result) XOR MSB-1(result)}; RCL {@code MSB(result) XOR CF}; SHLD/SHRD
 * {@code MSB(result) XOR MSB(original)} (a sign change). RCR uses the form of its formula taken
 * after the rotation, {@code MSB(result) XOR MSB-1(result)}: for count 1 it equals the SDM's
 * {@code MSB(original) XOR CF-in}, and for larger counts it is what an 80386 gives (test386's
 * reference dump, recorded on a 386, has OF clear for RCR by 7 where the before-form sets it). Shifts set SF ZF PF from the result and leave AF undefined (we clear it); rotates
 * change only CF and OF. CF of SHL/SHR by a count not below the operand size is undefined in the
 * manual; we give the bit the arithmetic would shift out (0 once the operand is exhausted),
 * which is what the reference AMD host returns.
 */
public final class Shift {
    private Shift() {
    }

    /** The masked count of group 2: the Ib or the constant 1 (decoded as an immediate), or CL. */
    private static int count(Cpu cpu, DecodedInsn d) {
        return (d.k2 == DecodedInsn.K_IMM ? d.imm : cpu.reg[Cpu.ECX]) & 0x1F;
    }

    /** Count 0: check that a memory operand is accessible, change nothing. */
    private static void touch(Cpu cpu, DecodedInsn d) {
        if (d.mod != 3) {
            cpu.getOp1(d);
            cpu.checkWritableE(d, d.osize);
        }
    }

    /** Returns the masked count {@code c}; when it is 0, first does what count 0 does (touch). */
    private static int live(Cpu cpu, DecodedInsn d, int c) {
        if (c == 0) {
            touch(cpu, d);
        }
        return c;
    }

    /**
     * The rotation count of RCL/RCR: after the 5-bit mask, mod 9 for bytes and mod 17 for words;
     * a 32-bit operand rotates by the masked count.
     */
    private static int carryRotateCount(int c, int bits) {
        return bits == 32 ? c : c % (bits + 1);
    }

    /** The (size + 1)-bit value CF:operand that RCL and RCR rotate. */
    private static long withCarry(boolean cf, int a, int bits) {
        return (cf ? 1L : 0L) << bits | a & 0xFFFFFFFFL;
    }

    private static int mask(int bits) {
        return bits == 32 ? -1 : (1 << bits) - 1;
    }

    private static boolean bit(int v, int n) {
        return (v >>> n & 1) != 0;
    }

    /** Records a shift result: SF ZF PF from it, AF cleared, CF and OF as given. */
    private static void shiftFlags(Cpu cpu, int size, int r, boolean cf, boolean of) {
        cpu.setLazy(Cpu.LF_RESULT, size, 0, 0, r, Cpu.ARITH_FLAGS);
        cpu.setFlag(Cpu.CF, cf);
        cpu.setFlag(Cpu.OF, of);
    }

    // ---------------------------------------------------------------- shifts

    /** SHL/SAL: CF is the last bit shifted out of the top, bit (size - count) of the operand. */
    public static void shl(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int bits = d.osize << 3;
        int a = cpu.getOp1(d);
        int r = a << c;
        boolean cf = c <= bits && bit(a, bits - c);
        cpu.setOp1(d, r);
        shiftFlags(cpu, d.osize, r, cf, bit(r, bits - 1) ^ cf);
    }

    /** SHR: CF is bit (count - 1) of the operand, zero-extended (0 once past its top). */
    public static void shr(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int bits = d.osize << 3;
        int a = cpu.getOp1(d);
        int r = a >>> c;
        cpu.setOp1(d, r);
        shiftFlags(cpu, d.osize, r, bit(a, c - 1), bit(a, bits - 1));
    }

    /** SAR: shifts in copies of the sign; CF is bit (count - 1) of the sign-extended operand. */
    public static void sar(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int a = cpu.getOp1(d);
        a = d.osize == 1 ? (byte) a : d.osize == 2 ? (short) a : a;
        int r = a >> c;
        cpu.setOp1(d, r);
        shiftFlags(cpu, d.osize, r, bit(a, c - 1), false);
    }

    // ---------------------------------------------------------------- rotates

    /**
     * ROL: rotates by count mod size; CF is the LSB of the result whenever the masked count is
     * not 0, even when count mod size is 0 (SDM pseudo-code).
     */
    public static void rol(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int bits = d.osize << 3;
        int a = cpu.getOp1(d);
        int t = c & (bits - 1);
        int r = t == 0 ? a : (a << t | a >>> (bits - t)) & mask(bits);
        cpu.setOp1(d, r);
        boolean cf = (r & 1) != 0;
        cpu.setFlag(Cpu.CF, cf);
        cpu.setFlag(Cpu.OF, bit(r, bits - 1) ^ cf);
    }

    /** ROR: CF is the MSB of the result; OF the XOR of its two top bits. */
    public static void ror(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int bits = d.osize << 3;
        int a = cpu.getOp1(d);
        int t = c & (bits - 1);
        int r = t == 0 ? a : (a >>> t | a << (bits - t)) & mask(bits);
        cpu.setOp1(d, r);
        cpu.setFlag(Cpu.CF, bit(r, bits - 1));
        cpu.setFlag(Cpu.OF, bit(r, bits - 1) ^ bit(r, bits - 2));
    }

    /**
     * RCL: a rotation of the (size + 1)-bit value CF:operand. After the 5-bit mask the count is
     * taken mod 9 for bytes and mod 17 for words; a 32-bit operand rotates by the masked count.
     */
    public static void rcl(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int bits = d.osize << 3;
        int a = cpu.getOp1(d);
        int t = carryRotateCount(c, bits);
        int w = bits + 1;
        long v = withCarry(cpu.cf(), a, bits);
        if (t != 0) {
            v = (v << t | v >>> (w - t)) & ((1L << w) - 1);
        }
        int r = (int) v;
        boolean cf = (v >>> bits & 1) != 0;
        cpu.setOp1(d, r);
        cpu.setFlag(Cpu.CF, cf);
        cpu.setFlag(Cpu.OF, bit(r, bits - 1) ^ cf);
    }

    /** RCR: as RCL the other way; OF is MSB(result) XOR MSB-1(result) (see the class comment). */
    public static void rcr(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, count(cpu, d));
        if (c == 0) {
            return;
        }
        int bits = d.osize << 3;
        int a = cpu.getOp1(d);
        int t = carryRotateCount(c, bits);
        int w = bits + 1;
        long v = withCarry(cpu.cf(), a, bits);
        if (t != 0) {
            v = (v >>> t | v << (w - t)) & ((1L << w) - 1);
        }
        int r = (int) v;
        cpu.setOp1(d, r);
        cpu.setFlag(Cpu.CF, (v >>> bits & 1) != 0);
        cpu.setFlag(Cpu.OF, bit(r, bits - 1) ^ bit(r, bits - 2));
    }

    // ---------------------------------------------------------------- double shifts

    /** 0F A4 and 0F AC take the count from Ib; 0F A5 and 0F AD from CL. */
    private static int doubleCount(Cpu cpu, DecodedInsn d) {
        return ((d.opcode & 1) == 0 ? d.imm : cpu.reg[Cpu.ECX]) & 0x1F;
    }

    /**
     * SHLD Ev,Gv: shifts Ev left, filling from the top of Gv. For a 16-bit operand a count of
     * 17-31 leaves the result undefined in the manual; we do what the reference AMD host does:
     * the result is Gv rotated left by count - 16, and CF is 0. (Intel processors are reported
     * to differ here, so no test compares this case with the host.)
     */
    public static void shld(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, doubleCount(cpu, d));
        if (c == 0) {
            return;
        }
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r;
        boolean cf;
        if (d.osize == 4) {
            r = a << c | b >>> (32 - c);
            cf = bit(a, 32 - c);
        } else if (c <= 16) {
            int v = a << 16 | b;
            r = (v << c) >>> 16;
            cf = bit(v, 32 - c);
        } else {
            int t = c - 16;
            r = (b << t | b >>> (16 - t)) & 0xFFFF;
            cf = false;
        }
        int top = (d.osize << 3) - 1;
        cpu.setOp1(d, r);
        shiftFlags(cpu, d.osize, r, cf, bit(r, top) ^ bit(a, top));
    }

    /**
     * SHRD Ev,Gv: shifts Ev right, filling from the bottom of Gv. A 16-bit count of 17-31 gives,
     * as on the reference AMD host, Gv rotated right by count - 16 with CF 0 (see SHLD).
     */
    public static void shrd(Cpu cpu, DecodedInsn d) {
        int c = live(cpu, d, doubleCount(cpu, d));
        if (c == 0) {
            return;
        }
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r;
        boolean cf;
        if (d.osize == 4) {
            r = a >>> c | b << (32 - c);
            cf = bit(a, c - 1);
        } else if (c <= 16) {
            int v = b << 16 | a;
            r = v >>> c & 0xFFFF;
            cf = bit(v, c - 1);
        } else {
            int t = c - 16;
            r = (b >>> t | b << (16 - t)) & 0xFFFF;
            cf = false;
        }
        int top = (d.osize << 3) - 1;
        cpu.setOp1(d, r);
        shiftFlags(cpu, d.osize, r, cf, bit(r, top) ^ bit(a, top));
    }
}
