package org.jinx.cpu.decode;

import org.jinx.cpu.Cpu;

/** The one signature every instruction handler has, so the opcode table can hold them all. */
@FunctionalInterface
public interface InsnHandler {
    void exec(Cpu cpu, DecodedInsn d);
}
