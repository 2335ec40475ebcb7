package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Data movement: MOV in all its forms, MOVZX MOVSX, XCHG, LEA, CBW CWD, XLAT, far-pointer loads. */
public final class DataXfer {
    private DataXfer() {
    }

    public static void cbw(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void cwd(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lea(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void loadFarPointer(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void mov(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movFromSreg(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movToSreg(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movsx(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void movzx(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void xchg(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void xlat(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }
}
