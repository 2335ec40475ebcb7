package org.jinx.cpu;

/**
 * DR0-DR7: instruction and data breakpoints and the single-step trap. Only consulted when
 * {@link Cpu#debugActive} is set, so the memory fast path pays one boolean test.
 *
 * <p>A second bank, {@link Cpu#debuggerDr}, belongs to an external debugger (the gdb stub). It
 * uses the same DR7 encoding and the same matching, but a data hit stops the run loop after the
 * instruction instead of raising #DB, and is recorded in {@code debuggerDr[6]}: bit n when slot n
 * was written, bit 4+n when it was read.
 */
public final class DebugRegisters {
    private DebugRegisters() {
    }

    /** Called after a MOV to DR7 (or a task switch) so the CPU knows whether to look. */
    public static void update(Cpu cpu) {
        cpu.debugActive = (cpu.dr[7] & 0xFF) != 0 || (cpu.debuggerDr[7] & 0xFF) != 0;
    }

    /** Instruction breakpoints: a fault before the instruction at a matching linear address. */
    public static void checkInstruction(Cpu cpu) {
        if ((cpu.getEflags() & Cpu.RF) != 0) {
            return;
        }
        int lin = cpu.seg[Cpu.CS].base + cpu.eip;
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            if (enabled(cpu.dr, n) && rw(cpu.dr, n) == 0 && cpu.dr[n] == lin) {
                hits |= 1 << n;
            }
        }
        if (hits != 0) {
            cpu.dr[6] = cpu.dr[6] & ~0xF | hits;
            cpu.dr[7] &= ~DR7_GD;
            throw cpu.fault(Exceptions.DB);
        }
    }

    /** Data breakpoints: recorded now, reported as a trap after the instruction completes. */
    public static void checkData(Cpu cpu, int lin, int size, boolean write) {
        cpu.pendingDebugTrap |= dataHits(cpu.dr, lin, size, write);
        int d = dataHits(cpu.debuggerDr, lin, size, write);
        if (d != 0) {
            cpu.debuggerDr[6] |= write ? d : d << 4;
            cpu.debuggerStop = true;
            cpu.exitLoop = true; // the run loop stops once this instruction has completed
        }
    }

    /** The debugger bank's instruction breakpoints that match CS:EIP, as a mask of slots. */
    public static int debuggerInstructionHits(Cpu cpu) {
        int[] bank = cpu.debuggerDr;
        int lin = cpu.seg[Cpu.CS].base + cpu.eip;
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            if (enabled(bank, n) && rw(bank, n) == 0 && bank[n] == lin) {
                hits |= 1 << n;
            }
        }
        return hits;
    }

    private static int dataHits(int[] bank, int lin, int size, boolean write) {
        if ((bank[7] & 0xFF) == 0) {
            return 0;
        }
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            if (!enabled(bank, n)) {
                continue;
            }
            int rw = rw(bank, n);
            if (rw == 0 || rw == 2 || (rw == 1 && !write)) {
                continue;
            }
            int len = len(bank, n);
            int bp = bank[n] & ~(len - 1);
            if (Integer.compareUnsigned(lin, bp + len - 1) <= 0 && Integer.compareUnsigned(lin + size - 1, bp) >= 0) {
                hits |= 1 << n;
            }
        }
        return hits;
    }

    /**
     * Raises the #DB trap for single-step (BS), data breakpoints hit by the instruction (B0-B3)
     * and the T bit of a TSS just switched to (BT, put in {@link Cpu#pendingDebugTrap} by the
     * task switch). B0-B3 report this trap's breakpoints; BS and BT stay set until software
     * clears them, as the manual says of DR6.
     */
    public static void trapAfterInstruction(Cpu cpu, boolean singleStep) {
        int b = cpu.pendingDebugTrap;
        cpu.pendingDebugTrap = 0;
        cpu.dr[6] = cpu.dr[6] & ~0xF | b | (singleStep ? DR6_BS : 0);
        cpu.dr[7] &= ~DR7_GD;
        org.jinx.cpu.exec.Interrupts.trap(cpu, Exceptions.DB);
    }

    /**
     * DR7.GD: a MOV to or from a debug register raises #DB. The processor clears it on entry to
     * the debug exception handler so the handler can reach the debug registers (386 manual 12.2.4).
     */
    public static final int DR7_GD = 1 << 13;
    /** DR6.BD: the #DB was raised by general detect. */
    public static final int DR6_BD = 1 << 13;

    /** DR6.BS: the trap was a single step. */
    public static final int DR6_BS = 0x4000;

    private static boolean enabled(int[] bank, int n) {
        return (bank[7] >>> (2 * n) & 3) != 0;
    }

    private static int rw(int[] bank, int n) {
        return bank[7] >>> (16 + 4 * n) & 3;
    }

    private static int len(int[] bank, int n) {
        int l = bank[7] >>> (18 + 4 * n) & 3;
        return l == 0 ? 1 : l == 1 ? 2 : 4;
    }
}
