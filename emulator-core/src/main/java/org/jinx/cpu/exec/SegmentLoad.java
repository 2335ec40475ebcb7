package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;

/**
 * Loading a segment register the way MOV Sreg, POP Sreg and LDS/LES/LFS/LGS/LSS do: in real and
 * virtual-8086 mode the base is the selector times 16; in protected mode the descriptor is read
 * and checked (SDM "MOV—Move", "Protected mode exceptions").
 */
public final class SegmentLoad {
    private SegmentLoad() {
    }

    /** Loads {@code sreg} (ES..GS) with {@code selector}, or faults leaving it unchanged. */
    public static void load(Cpu cpu, int sreg, int selector) {
        if (!cpu.protectedMode()) {
            cpu.seg[sreg].loadReal(selector);
        } else if (cpu.v86()) {
            cpu.seg[sreg].loadV86(selector);
        } else {
            throw Unimplemented.raise(cpu, null);
        }
    }
}
