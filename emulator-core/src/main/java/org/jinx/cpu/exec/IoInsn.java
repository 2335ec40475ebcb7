package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Port I/O: IN and OUT, with the IOPL and I/O-permission-bitmap checks. */
public final class IoInsn {
    private IoInsn() {
    }

    public static void in(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void out(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }
}
