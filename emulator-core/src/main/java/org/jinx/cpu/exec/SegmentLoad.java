package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.Segment;

/**
 * Loading a segment register the way MOV Sreg, POP Sreg and LDS/LES/LFS/LGS/LSS do: in real and
 * virtual-8086 mode the base is the selector times 16; in protected mode the descriptor is read
 * and checked (SDM "MOV—Move", "Protected mode exceptions").
 *
 * <p>Also the descriptor-table access that far transfers, interrupt delivery and task switches
 * share: reading a descriptor by selector, and setting its accessed and busy bits. Tables are
 * read with supervisor linear accesses, whatever the CPL, as the processor does.
 */
public final class SegmentLoad {
    /** The accessed bit of a code or data segment, in the high dword of the descriptor. */
    private static final int ACCESSED = 0x100;

    private SegmentLoad() {
    }

    /** Loads {@code sreg} (ES, SS, DS, FS, GS) with {@code selector}, or faults leaving it unchanged. */
    public static void load(Cpu cpu, int sreg, int selector) {
        selector &= 0xFFFF;
        if (!cpu.protectedMode()) {
            cpu.seg[sreg].loadReal(selector);
        } else if (cpu.v86()) {
            cpu.seg[sreg].loadV86(selector);
        } else if (sreg == Cpu.SS) {
            loadStack(cpu, selector);
        } else {
            loadData(cpu, sreg, selector);
        }
    }

    private static void loadData(Cpu cpu, int sreg, int sel) {
        if ((sel & 0xFFFC) == 0) {
            cpu.seg[sreg].loadNull(sel);
            return;
        }
        int err = sel & 0xFFFC;
        long d = descriptor(cpu, sel);
        if (!Descriptor.dataOrReadableCode(d)) {
            throw cpu.gp(err);
        }
        // Conforming code may be read from any level; everything else needs DPL >= max(CPL, RPL).
        if (!Descriptor.conformingCode(d) && Descriptor.dpl(d) < Math.max(cpu.cpl, sel & 3)) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        markAccessed(cpu, sel, d);
        cache(cpu, sreg, sel, d);
    }

    private static void loadStack(Cpu cpu, int sel) {
        if ((sel & 0xFFFC) == 0) {
            throw cpu.gp(0);
        }
        int err = sel & 0xFFFC;
        long d = descriptor(cpu, sel);
        if ((sel & 3) != cpu.cpl || !Descriptor.writableData(d) || Descriptor.dpl(d) != cpu.cpl) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.SS, err);
        }
        markAccessed(cpu, sel, d);
        cache(cpu, Cpu.SS, sel, d);
    }

    // ---------------------------------------------------------------- descriptor tables

    /** Whether the selector's descriptor lies within its table: the GDT, or the LDT when TI = 1. */
    public static boolean inTable(Cpu cpu, int sel) {
        if ((sel & 4) != 0) {
            Segment ldt = cpu.ldtr;
            return ldt.valid && (sel | 7) <= (ldt.limit & 0xFFFFFFFFL);
        }
        return (sel | 7) <= (cpu.gdtrLimit & 0xFFFF);
    }

    /** Linear address of the selector's descriptor (the caller checked {@link #inTable}). */
    static int address(Cpu cpu, int sel) {
        return ((sel & 4) != 0 ? cpu.ldtr.base : cpu.gdtrBase) + (sel & 0xFFF8);
    }

    /**
     * The two dwords of the selector's descriptor, low dword in bits 0-31 (see {@link Descriptor}).
     * A selector beyond its table's limit is #GP(selector).
     */
    public static long descriptor(Cpu cpu, int sel) {
        return descriptor(cpu, sel, Exceptions.GP, sel & 0xFFFC);
    }

    /** As {@link #descriptor(Cpu, int)}, raising {@code vector(code)} for a selector beyond the limit. */
    static long descriptor(Cpu cpu, int sel, int vector, int code) {
        if (!inTable(cpu, sel)) {
            throw cpu.fault(vector, code);
        }
        int a = address(cpu, sel);
        int lo = cpu.paging.read32(a, false);
        int hi = cpu.paging.read32(a + 4, false);
        return Descriptor.of(lo, hi);
    }

    /** Sets the accessed bit of a code or data segment descriptor in memory, if it is clear. */
    static void markAccessed(Cpu cpu, int sel, long d) {
        if ((Descriptor.high(d) & ACCESSED) == 0) {
            int a = address(cpu, sel) + 5;
            cpu.paging.write8(a, Descriptor.access(d) | 1, false);
        }
    }

    /** Sets or clears the busy bit (type bit 1) of a TSS descriptor in the GDT. */
    static void setBusy(Cpu cpu, int sel, long d, boolean busy) {
        int a = address(cpu, sel) + 5;
        int acc = Descriptor.access(d);
        cpu.paging.write8(a, busy ? acc | 2 : acc & ~2, false);
    }

    /** Loads a segment register's cache from a checked descriptor; no memory access. */
    static void cache(Cpu cpu, int sreg, int sel, long d) {
        cpu.seg[sreg].loadDescriptor(sel, Descriptor.low(d), Descriptor.high(d) | ACCESSED);
    }

    /**
     * Loads CS from a checked code descriptor with RPL forced to {@code cpl}, and makes that the
     * CPL: the one place protected-mode code changes privilege level.
     */
    static void loadCs(Cpu cpu, int sel, long d, int cpl) {
        cache(cpu, Cpu.CS, sel & 0xFFFC | cpl, d);
        cpu.cpl = cpl;
    }

    /**
     * After a return to an outer level (RETF, IRET): DS, ES, FS and GS that hold a data or
     * non-conforming code segment more privileged than the new CPL are loaded with null, so the
     * outer level cannot use the inner level's segments (SDM "RET", "IRET").
     */
    static void nullInvalidDataSegments(Cpu cpu) {
        for (int s : DATA_SREGS) {
            Segment g = cpu.seg[s];
            if (!g.valid) {
                continue;
            }
            boolean conforming = g.executable && (g.access & 4) != 0;
            if (!conforming && g.dpl() < cpu.cpl) {
                g.loadNull(0);
            }
        }
    }

    private static final int[] DATA_SREGS = {Cpu.ES, Cpu.DS, Cpu.FS, Cpu.GS};
}
