package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;

/**
 * Builds descriptor tables in a {@link CpuRig}'s memory for system tests: descriptors and
 * gates as two dwords in a long (low dword in bits 0-31, as {@link Descriptor} reads them),
 * and a standard flat GDT with ring-0 and ring-3 segments, an IDT and a 32-bit TSS.
 *
 * <p>Encodings follow the SDM's "Segment Descriptor" and "Gate Descriptor" figures; nothing
 * here uses the emulator's own decoding, so tests check the emulator against the manual.
 */
public final class DescriptorBuilder {
    public static final int GDT = 0x20000;
    public static final int IDT = 0x21000;
    public static final int TSS = 0x22000;
    public static final int LDT = 0x23000;
    /** The ring-0 stack the standard TSS names (SS0:ESP0 = 0x10:RING0_STACK). */
    public static final int RING0_STACK = 0x9000;

    // Selectors of the standard GDT.
    public static final int CODE0 = 0x08;
    public static final int DATA0 = 0x10;
    public static final int CODE3 = 0x1B;
    public static final int DATA3 = 0x23;
    public static final int TSS_SEL = 0x28;
    public static final int CODE16 = 0x30;

    // Access bytes: P | DPL | S | type.
    public static final int CODE_ACCESS = 0x9A; // present, code, readable
    public static final int DATA_ACCESS = 0x92; // present, data, writable

    private final CpuRig rig;
    private final Cpu cpu;

    private DescriptorBuilder(CpuRig rig) {
        this.rig = rig;
        this.cpu = rig.cpu;
    }

    /**
     * A flat 32-bit protected-mode rig with the standard GDT (code/data at DPL 0 and 3, a TSS,
     * a 16-bit code segment), an empty 256-entry IDT and TR loaded with the TSS.
     */
    public static DescriptorBuilder standard(CpuRig rig) {
        DescriptorBuilder b = new DescriptorBuilder(rig);
        Cpu c = rig.cpu;
        c.gdtrBase = GDT;
        c.gdtrLimit = 0xFFF;
        c.idtrBase = IDT;
        c.idtrLimit = 256 * 8 - 1;
        b.set(CODE0, segment(0, 0xFFFFF, CODE_ACCESS, true, true));
        b.set(DATA0, segment(0, 0xFFFFF, DATA_ACCESS, true, true));
        b.set(CODE3, segment(0, 0xFFFFF, CODE_ACCESS | 0x60, true, true));
        b.set(DATA3, segment(0, 0xFFFFF, DATA_ACCESS | 0x60, true, true));
        b.set(TSS_SEL, tss32(TSS, 0x67, false));
        b.set(CODE16, segment(0, 0xFFFF, CODE_ACCESS, false, false));
        c.mem.write32(TSS + 4, RING0_STACK);
        c.mem.write32(TSS + 8, DATA0);
        b.loadTr(TSS_SEL);
        return b;
    }

    // ---------------------------------------------------------------- encodings

    /** A code or data segment descriptor; {@code limit} is the 20-bit field. */
    public static long segment(int base, int limit, int access, boolean big, boolean granular) {
        int lo = (base & 0xFFFF) << 16 | limit & 0xFFFF;
        int hi = base & 0xFF000000 | (granular ? 1 << 23 : 0) | (big ? 1 << 22 : 0) | limit & 0xF0000
                | (access & 0xFF) << 8 | base >>> 16 & 0xFF;
        return (long) hi << 32 | lo & 0xFFFFFFFFL;
    }

    /** A gate: {@code type} 4/12 call, 5 task, 6/14 interrupt, 7/15 trap. */
    public static long gate(int type, int selector, int offset, int dpl, int params) {
        int lo = (selector & 0xFFFF) << 16 | offset & 0xFFFF;
        int hi = offset & 0xFFFF0000 | 0x8000 | dpl << 13 | type << 8 | params & 0x1F;
        return (long) hi << 32 | lo & 0xFFFFFFFFL;
    }

    public static long gate(int type, int selector, int offset, int dpl) {
        return gate(type, selector, offset, dpl, 0);
    }

    public static long notPresent(long d) {
        return d & ~(0x8000L << 32);
    }

    public static long withDpl(long d, int dpl) {
        return d & ~(0x6000L << 32) | (long) (dpl << 13) << 32;
    }

    public static long tss32(int base, int limit, boolean busy) {
        return segment(base, limit, busy ? 0x8B : 0x89, false, false);
    }

    public static long tss16(int base, int limit, boolean busy) {
        return segment(base, limit, busy ? 0x83 : 0x81, false, false);
    }

    public static long ldt(int base, int limit) {
        return segment(base, limit, 0x82, false, false);
    }

    // ---------------------------------------------------------------- placement

    /** Writes a descriptor at the selector's slot in the GDT (TI = 0) or the LDT at {@link #LDT}. */
    public DescriptorBuilder set(int selector, long d) {
        int base = (selector & 4) != 0 ? LDT : GDT;
        int a = base + (selector & 0xFFF8);
        cpu.mem.write32(a, (int) d);
        cpu.mem.write32(a + 4, (int) (d >>> 32));
        return this;
    }

    public long get(int selector) {
        int base = (selector & 4) != 0 ? LDT : GDT;
        int a = base + (selector & 0xFFF8);
        return (long) cpu.mem.read32(a + 4) << 32 | cpu.mem.read32(a) & 0xFFFFFFFFL;
    }

    /** The access-rights byte of a descriptor as it is now in memory. */
    public int access(int selector) {
        return (int) (get(selector) >>> 40) & 0xFF;
    }

    public DescriptorBuilder idt(int vector, long gate) {
        cpu.mem.write32(IDT + vector * 8, (int) gate);
        cpu.mem.write32(IDT + vector * 8 + 4, (int) (gate >>> 32));
        return this;
    }

    /** A ring-0 32-bit interrupt gate to {@code handler} in the flat code segment. */
    public DescriptorBuilder interruptGate(int vector, int handler, int dpl) {
        return idt(vector, gate(14, CODE0, handler, dpl));
    }

    public DescriptorBuilder trapGate(int vector, int handler, int dpl) {
        return idt(vector, gate(15, CODE0, handler, dpl));
    }

    /** Points TR at a TSS descriptor of the GDT and marks it busy, as LTR would. */
    public DescriptorBuilder loadTr(int selector) {
        long d = get(selector) | 0x200L << 32;
        set(selector, d);
        cpu.tr.loadDescriptor(selector, (int) d, (int) (d >>> 32));
        return this;
    }

    public DescriptorBuilder ldtr(int selector) {
        long d = get(selector);
        cpu.ldtr.loadDescriptor(selector, (int) d, (int) (d >>> 32));
        return this;
    }

    /** Writes bytes at a physical address (handlers and code away from {@link CpuRig#CODE}). */
    public DescriptorBuilder bytes(int addr, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            cpu.mem.write8(addr + i, bytes[i]);
        }
        return this;
    }

    /** Puts the CPU at CPL 3 in the flat ring-3 segments, ESP at {@code esp}. */
    public DescriptorBuilder ring3(int esp) {
        cpu.seg[Cpu.CS].set(CODE3, 0, 0xFFFFFFFF, 0xFB, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            cpu.seg[s].set(DATA3, 0, 0xFFFFFFFF, 0xF3, true);
        }
        cpu.cpl = 3;
        cpu.reg[Cpu.ESP] = esp;
        return this;
    }

    public CpuRig rig() {
        return rig;
    }
}
