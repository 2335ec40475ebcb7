package org.jinx.cpu;

import static org.jinx.cpu.exec.DescriptorBuilder.gate;
import static org.jinx.cpu.exec.DescriptorBuilder.segment;
import static org.jinx.cpu.exec.DescriptorBuilder.tss16;
import static org.jinx.cpu.exec.DescriptorBuilder.tss32;

/**
 * The protected-mode system in which {@link TimingTest} times far transfers, added to its flat
 * GDT (08 ring-0 code, 10 ring-0 data): ring-3 segments, the current task's TSS and two more
 * tasks, call gates and a task gate, and an IDT. Encodings come from
 * {@link org.jinx.cpu.exec.DescriptorBuilder} (the SDM's figures), not from the emulator.
 *
 * <p>Every far transfer lands on {@link CpuRig#CODE} or {@link #HANDLER} in the flat ring-0
 * code segment; only one instruction runs, so nothing needs to be there.
 */
final class TimingSystem {
    static final int CODE0 = 0x08, DATA0 = 0x10, CODE3 = 0x1B, DATA3 = 0x23;
    /** The current task (busy), a second 386 task and a 286 task, both available. */
    static final int TSS_A = 0x28, TSS_B = 0x30, TSS_286 = 0x38;
    /** Call gates (DPL 3) to 08:CODE without parameters and with two dword parameters. */
    static final int CALL_GATE = 0x40, CALL_GATE_2 = 0x48;
    /** A task gate (DPL 3) to TSS_B. */
    static final int TASK_GATE = 0x50;
    /** A 386 task in virtual-8086 mode, available. */
    static final int TSS_V86 = 0x58;
    /** IDT vectors: 0x21 an interrupt gate to 08:HANDLER, 0x22 a task gate to TSS_B (both DPL 3). */
    static final int INT_GATE_VECTOR = 0x21, INT_TASK_VECTOR = 0x22;
    static final int HANDLER = 0x2000;

    private static final int IDT = 0x3000;
    private static final int TSS_A_BASE = 0x4000, TSS_B_BASE = 0x4100, TSS_286_BASE = 0x4200, TSS_V86_BASE = 0x4300;
    /** SS0:ESP0 of the current task, and the stack of the other tasks. */
    private static final int RING0_STACK = 0x6000, TASK_STACK = 0x6800;

    private TimingSystem() {
    }

    /** Adds the descriptors, TSSs and IDT to the flat GDT at {@code gdt}, and loads TR with TSS_A. */
    static void install(Cpu c, int gdt) {
        put(c, gdt, CODE3, segment(0, 0xFFFFF, 0xFA, true, true));
        put(c, gdt, DATA3, segment(0, 0xFFFFF, 0xF2, true, true));
        put(c, gdt, TSS_A, tss32(TSS_A_BASE, 0x67, true));
        put(c, gdt, TSS_B, tss32(TSS_B_BASE, 0x67, false));
        put(c, gdt, TSS_286, tss16(TSS_286_BASE, 0x2B, false));
        put(c, gdt, CALL_GATE, gate(12, CODE0, CpuRig.CODE, 3, 0));
        put(c, gdt, CALL_GATE_2, gate(12, CODE0, CpuRig.CODE, 3, 2));
        put(c, gdt, TASK_GATE, gate(5, TSS_B, 0, 3));
        put(c, gdt, TSS_V86, tss32(TSS_V86_BASE, 0x67, false));
        c.gdtrLimit = TSS_V86 + 7;
        long a = tss32(TSS_A_BASE, 0x67, true);
        c.tr.loadDescriptor(TSS_A, (int) a, (int) (a >>> 32));
        c.mem.write32(TSS_A_BASE + 4, RING0_STACK); // ESP0
        c.mem.write32(TSS_A_BASE + 8, DATA0); // SS0
        // Task B: the flat ring-0 segments, EIP at CODE (32-bit TSS offsets).
        c.mem.write32(TSS_B_BASE + 0x1C, c.cr3);
        c.mem.write32(TSS_B_BASE + 0x20, CpuRig.CODE);
        c.mem.write32(TSS_B_BASE + 0x24, 0x2);
        c.mem.write32(TSS_B_BASE + 0x38, TASK_STACK);
        int[] sregs = {DATA0, CODE0, DATA0, DATA0, DATA0, DATA0}; // ES CS SS DS FS GS
        for (int i = 0; i < 6; i++) {
            c.mem.write32(TSS_B_BASE + 0x48 + 4 * i, sregs[i]);
        }
        // The virtual-8086 task: VM set, every segment 0 (the TSS's segment fields are zero).
        c.mem.write32(TSS_V86_BASE + 0x1C, c.cr3);
        c.mem.write32(TSS_V86_BASE + 0x20, CpuRig.CODE);
        c.mem.write32(TSS_V86_BASE + 0x24, Cpu.VM | 0x2);
        c.mem.write32(TSS_V86_BASE + 0x38, TASK_STACK);
        // The 286 task: the same, in the 16-bit TSS's fields.
        c.mem.write16(TSS_286_BASE + 0x0E, CpuRig.CODE);
        c.mem.write16(TSS_286_BASE + 0x10, 0x2);
        c.mem.write16(TSS_286_BASE + 0x1A, TASK_STACK);
        for (int i = 0; i < 4; i++) { // ES CS SS DS
            c.mem.write16(TSS_286_BASE + 0x22 + 2 * i, sregs[i]);
        }
        c.idtrBase = IDT;
        c.idtrLimit = 256 * 8 - 1;
        idt(c, INT_GATE_VECTOR, gate(14, CODE0, HANDLER, 3));
        idt(c, Exceptions.BP, gate(14, CODE0, HANDLER, 3));
        idt(c, Exceptions.OF, gate(14, CODE0, HANDLER, 3));
        idt(c, INT_TASK_VECTOR, gate(5, TSS_B, 0, 3));
    }

    /** Runs at CPL 3 in the flat ring-3 segments. */
    static void ring3(Cpu c) {
        c.seg[Cpu.CS].set(CODE3, 0, 0xFFFFFFFF, 0xFB, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            c.seg[s].set(DATA3, 0, 0xFFFFFFFF, 0xF3, true);
        }
        c.cpl = 3;
    }

    /** Runs in virtual-8086 mode with IOPL 3 (so INT n goes to the IDT), every segment at 0. */
    static void v86(Cpu c) {
        c.setEflags(Cpu.VM | Cpu.IOPL | 0x2);
        for (int s = 0; s < 6; s++) {
            c.seg[s].loadV86(0);
        }
        c.cpl = 3;
    }

    /** Marks TSS_B busy and links the current task back to it, for IRET with NT set. */
    static void nestedInB(Cpu c, int gdt) {
        put(c, gdt, TSS_B, tss32(TSS_B_BASE, 0x67, true));
        c.mem.write16(TSS_A_BASE, TSS_B);
        c.setEflags(c.getEflags() | Cpu.NT);
    }

    /** Pushes dwords so that {@code values[0]} ends on top of the stack. */
    static void stack(Cpu c, int... values) {
        for (int i = values.length - 1; i >= 0; i--) {
            c.reg[Cpu.ESP] -= 4;
            c.mem.write32(c.reg[Cpu.ESP], values[i]);
        }
    }

    private static void put(Cpu c, int gdt, int sel, long d) {
        c.mem.write32(gdt + (sel & 0xFFF8), (int) d);
        c.mem.write32(gdt + (sel & 0xFFF8) + 4, (int) (d >>> 32));
    }

    private static void idt(Cpu c, int vector, long g) {
        c.mem.write32(IDT + vector * 8, (int) g);
        c.mem.write32(IDT + vector * 8 + 4, (int) (g >>> 32));
    }
}
