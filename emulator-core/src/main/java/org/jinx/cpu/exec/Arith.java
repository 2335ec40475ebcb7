package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Integer arithmetic and logic: ADD OR ADC SBB AND SUB XOR CMP, INC DEC NEG NOT TEST.
 *
 * <p>One handler per mnemonic serves every encoding (Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib /
 * eAX,Iv / groups 80-83, F6-F7, FE-FF, 40+r, 48+r): the decoder has already resolved the
 * row's operands, so {@link Cpu#getOp1}, {@link Cpu#getOp2} and {@link Cpu#setOp1} do the
 * fetching and write-back. Flags are never computed here: each handler records its operands
 * and result with {@link Cpu#setLazy} after the write-back, so a faulting write leaves EFLAGS
 * as it was. Values may carry bits above the operand size; the lazy evaluator masks them.
 */
public final class Arith {
    private static final int ALL = Cpu.ARITH_FLAGS;
    /** INC and DEC leave CF alone. */
    private static final int ALL_BUT_CF = Cpu.ARITH_FLAGS & ~Cpu.CF;

    private Arith() {
    }

    public static void add(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = a + b;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_ADD, d.osize, a, b, r, ALL);
    }

    /**
     * With CF clear ADC is exactly ADD, and the lazy carry rule for ADD is the right one; only
     * with a carry in does the result wrap at {@code a + b + 1}, which LF_ADC describes.
     */
    public static void adc(Cpu cpu, DecodedInsn d) {
        boolean carry = cpu.cf();
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = carry ? a + b + 1 : a + b;
        cpu.setOp1(d, r);
        cpu.setLazy(carry ? Cpu.LF_ADC : Cpu.LF_ADD, d.osize, a, b, r, ALL);
    }

    public static void sub(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = a - b;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_SUB, d.osize, a, b, r, ALL);
    }

    /** As ADC: with no borrow in SBB is SUB; with one, LF_SBB's borrow rule applies. */
    public static void sbb(Cpu cpu, DecodedInsn d) {
        boolean borrow = cpu.cf();
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = borrow ? a - b - 1 : a - b;
        cpu.setOp1(d, r);
        cpu.setLazy(borrow ? Cpu.LF_SBB : Cpu.LF_SUB, d.osize, a, b, r, ALL);
    }

    public static void cmp(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        cpu.setLazy(Cpu.LF_SUB, d.osize, a, b, a - b, ALL);
    }

    /** AND, OR, XOR and TEST clear CF and OF; AF is undefined and LF_LOGIC clears it. */
    public static void and(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = a & b;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_LOGIC, d.osize, a, b, r, ALL);
    }

    public static void or(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = a | b;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_LOGIC, d.osize, a, b, r, ALL);
    }

    public static void xor(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        int r = a ^ b;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_LOGIC, d.osize, a, b, r, ALL);
    }

    public static void test(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        cpu.setLazy(Cpu.LF_LOGIC, d.osize, a, b, a & b, ALL);
    }

    public static void inc(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int r = a + 1;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_ADD, d.osize, a, 1, r, ALL_BUT_CF);
    }

    public static void dec(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int r = a - 1;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_SUB, d.osize, a, 1, r, ALL_BUT_CF);
    }

    /**
     * NEG is SUB from zero: CF = (operand != 0), OF only for the most negative value, and AF the
     * borrow out of bit 3 of 0 - operand. LF_SUB with a = 0 yields exactly these.
     */
    public static void neg(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int r = -a;
        cpu.setOp1(d, r);
        cpu.setLazy(Cpu.LF_SUB, d.osize, 0, a, r, ALL);
    }

    /** NOT affects no flags. */
    public static void not(Cpu cpu, DecodedInsn d) {
        cpu.setOp1(d, ~cpu.getOp1(d));
    }
}
