package org.jinx.cpu;

/**
 * DR0-DR7: instruction and data breakpoints and the single-step trap. Only consulted when
 * {@link Cpu#debugActive} is set, so the memory fast path pays one boolean test.
 */
public final class DebugRegisters {
    private DebugRegisters() {
    }

    /** Called after a MOV to DR7 (or a task switch) so the CPU knows whether to look. */
    public static void update(Cpu cpu) {
        cpu.debugActive = (cpu.dr[7] & 0xFF) != 0;
    }

    /** Instruction breakpoints: a fault before the instruction at a matching linear address. */
    public static void checkInstruction(Cpu cpu) {
        if ((cpu.getEflags() & Cpu.RF) != 0) {
            return;
        }
        int lin = cpu.seg[Cpu.CS].base + cpu.eip;
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            if (enabled(cpu, n) && rw(cpu, n) == 0 && cpu.dr[n] == lin) {
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
        for (int n = 0; n < 4; n++) {
            if (!enabled(cpu, n)) {
                continue;
            }
            int rw = rw(cpu, n);
            if (rw == 0 || rw == 2 || (rw == 1 && !write)) {
                continue;
            }
            int len = len(cpu, n);
            int bp = cpu.dr[n] & ~(len - 1);
            if (Integer.compareUnsigned(lin, bp + len - 1) <= 0 && Integer.compareUnsigned(lin + size - 1, bp) >= 0) {
                cpu.pendingDebugTrap |= 1 << n;
            }
        }
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

    private static boolean enabled(Cpu cpu, int n) {
        return (cpu.dr[7] >>> (2 * n) & 3) != 0;
    }

    private static int rw(Cpu cpu, int n) {
        return cpu.dr[7] >>> (16 + 4 * n) & 3;
    }

    private static int len(Cpu cpu, int n) {
        int l = cpu.dr[7] >>> (18 + 4 * n) & 3;
        return l == 0 ? 1 : l == 1 ? 2 : 4;
    }
}
