package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** What fits nowhere else: NOP, BOUND, WAIT, the x87 escapes without an FPU, invalid opcodes. */
public final class Misc {
    private Misc() {
    }

    public static void bound(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void esc(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void fwait(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    /** Undefined opcode: #UD. */
    public static void invalid(Cpu cpu, DecodedInsn d) {
        throw cpu.ud();
    }

    public static void nop(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }
}
