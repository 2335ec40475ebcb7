package org.jinx.bench;

import org.jinx.Machine;
import org.jinx.cpu.Cpu;

/** A machine in flat 32-bit protected mode at CPL 0, with code placed at {@link #CODE}. */
final class FlatMachine {
    static final int CODE = 0x1000;
    static final int DATA = 0x100000;
    static final int STACK_TOP = 0x9000;

    private FlatMachine() {
    }

    static Machine create(int ramBytes, int... code) {
        Machine m = new Machine(ramBytes, 33_000_000L);
        Cpu c = m.cpu;
        c.cr0 |= Cpu.CR0_PE;
        c.seg[Cpu.CS].set(0x08, 0, 0xFFFFFFFF, 0x9B, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            c.seg[s].set(0x10, 0, 0xFFFFFFFF, 0x93, true);
        }
        c.eip = CODE;
        c.reg[Cpu.ESP] = STACK_TOP;
        for (int i = 0; i < code.length; i++) {
            m.mem.write8(CODE + i, code[i]);
        }
        return m;
    }
}
