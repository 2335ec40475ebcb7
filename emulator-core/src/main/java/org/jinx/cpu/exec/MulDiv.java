package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Multiplication and division: MUL IMUL (one, two and three operands), DIV IDIV. */
public final class MulDiv {
    private MulDiv() {
    }

    public static void div(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void idiv(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void imul1(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void imul2(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void imul3(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void mul(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }
}
