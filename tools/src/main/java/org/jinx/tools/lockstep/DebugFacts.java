package org.jinx.tools.lockstep;

import org.jinx.cpu.Cpu;

/** What the debug registers say about the instruction at CS:EIP, read as the 386 manual (12.2) defines them. */
final class DebugFacts {
    private static final int DR7_RW_EXECUTE = 0;

    private DebugFacts() {
    }

    /**
     * Whether the next step will raise an instruction-breakpoint #DB before executing anything:
     * a breakpoint is at CS:EIP ({@link #breakpointAt}) and RF is clear.
     */
    static boolean breakpointAt(Cpu cpu) {
        return (cpu.getEflags() & Cpu.RF) == 0 && executeBreakpointAt(cpu);
    }

    /** Whether a breakpoint is at CS:EIP but RF suppresses it for this one instruction. */
    static boolean suppressedBreakpointAt(Cpu cpu) {
        return (cpu.getEflags() & Cpu.RF) != 0 && executeBreakpointAt(cpu);
    }

    /** Whether DR7 enables a data breakpoint (R/W = 01 or 11) in any of DR0-DR3. */
    static boolean dataBreakpointsArmed(Cpu cpu) {
        int dr7 = cpu.dr[7];
        for (int n = 0; n < 4; n++) {
            int rw = dr7 >>> (16 + 4 * n) & 3;
            if ((dr7 >>> (2 * n) & 3) != 0 && (rw == 1 || rw == 3)) {
                return true;
            }
        }
        return false;
    }

    /** An enabled DR0-DR3 with R/W = 00 (instruction execution) holds the linear address of CS:EIP. */
    private static boolean executeBreakpointAt(Cpu cpu) {
        int dr7 = cpu.dr[7];
        int lin = cpu.seg[Cpu.CS].base + cpu.eip;
        for (int n = 0; n < 4; n++) {
            boolean enabled = (dr7 >>> (2 * n) & 3) != 0;
            int rw = dr7 >>> (16 + 4 * n) & 3;
            if (enabled && rw == DR7_RW_EXECUTE && cpu.dr[n] == lin) {
                return true;
            }
        }
        return false;
    }
}
