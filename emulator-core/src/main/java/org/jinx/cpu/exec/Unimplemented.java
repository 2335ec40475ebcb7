package org.jinx.cpu.exec;

import org.jinx.cpu.CpuFault;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Temporary: handlers not yet written raise #UD so a guest sees a clean fault. */
final class Unimplemented {
    private Unimplemented() {
    }

    static CpuFault raise(Cpu cpu, DecodedInsn d) {
        return cpu.ud();
    }
}
