package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** System instructions: descriptor tables, task register, MSW, control/debug/test registers, HLT, ARPL, LAR LSL VERR VERW. */
public final class SystemInsn {
    private SystemInsn() {
    }

    public static void arpl(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void clts(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void hlt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lar(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lgdt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lidt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lldt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lmsw(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lsl(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void ltr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movFromCr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movFromDr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movFromTr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movToCr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movToDr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movToTr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void sgdt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void sidt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void sldt(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void smsw(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void str(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void verr(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void verw(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }
}
