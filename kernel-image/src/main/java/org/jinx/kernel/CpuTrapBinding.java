package org.jinx.kernel;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.Segment;
import org.jinx.cpu.TrapSink;
import org.jinx.kernel.proc.Context;

/**
 * Connects the CPU to the hosted kernel: every interrupt, exception and INT n leaves the CPU
 * loop here. The running process's registers go into its saved context, the kernel runs, and
 * the next process's registers, flat ring-3 segments and CR3 go back into the CPU. When nobody
 * can run the CPU halts with interrupts enabled, and the next interrupt comes back here.
 */
public final class CpuTrapBinding implements TrapSink {
    /** Flat 4 GiB descriptors' access bytes: DPL 3 code (execute/read) and data (read/write). */
    private static final int USER_CODE_ACCESS = 0xFB;
    private static final int USER_DATA_ACCESS = 0xF3;
    /** EFLAGS bits a process may not carry into the CPU: VM and NT would leave flat ring 3. */
    private static final int FORBIDDEN_FLAGS = Cpu.VM | Cpu.NT;

    private final KernelTrap kernel;
    private long epoch;

    public CpuTrapBinding(KernelTrap kernel) {
        this.kernel = kernel;
    }

    /** Installs the binding and loads the first process (or idles). */
    public void attach(Cpu cpu) {
        cpu.trapSink = this;
        cpu.cr0 |= Cpu.CR0_PE | Cpu.CR0_PG;
        resume(cpu);
    }

    @Override
    public boolean trap(Cpu cpu, Kind kind, int vector, boolean hasErrorCode, int errorCode) {
        Context running = kernel.current();
        if (running != null) {
            save(cpu, running);
        }
        switch (kind) {
            case EXTERNAL -> kernel.trap(KernelTrap.Kind.INTERRUPT, vector, 0);
            case EXCEPTION -> kernel.trap(KernelTrap.Kind.EXCEPTION, vector, errorCode);
            case SOFTWARE -> software(vector);
        }
        resume(cpu);
        return true;
    }

    private void software(int vector) {
        switch (vector) {
            case KernelTrap.IPC_VECTOR, KernelTrap.IPC_VECTOR_UM -> kernel.trap(KernelTrap.Kind.IPC, vector, 0);
            case KernelTrap.KERN_CALL_VECTOR, KernelTrap.KERN_CALL_VECTOR_UM ->
                    kernel.trap(KernelTrap.Kind.KERNEL_CALL, vector, 0);
            // INT3 and INTO reach DPL-3 gates in MINIX's IDT and arrive as their exceptions.
            case Exceptions.BP, Exceptions.OF -> kernel.trap(KernelTrap.Kind.EXCEPTION, vector, 0);
            // Any other INT n hits a DPL-0 gate: #GP with the IDT error code (index, IDT bit).
            default -> kernel.trap(KernelTrap.Kind.EXCEPTION, Exceptions.GP, vector << 3 | 2);
        }
    }

    private static void save(Cpu cpu, Context c) {
        c.eax = cpu.reg[Cpu.EAX];
        c.ecx = cpu.reg[Cpu.ECX];
        c.edx = cpu.reg[Cpu.EDX];
        c.ebx = cpu.reg[Cpu.EBX];
        c.esp = cpu.reg[Cpu.ESP];
        c.ebp = cpu.reg[Cpu.EBP];
        c.esi = cpu.reg[Cpu.ESI];
        c.edi = cpu.reg[Cpu.EDI];
        c.eip = cpu.eip;
        c.eflags = cpu.getEflags();
        c.cs = cpu.seg[Cpu.CS].selector;
        c.ss = cpu.seg[Cpu.SS].selector;
        c.ds = cpu.seg[Cpu.DS].selector;
        c.es = cpu.seg[Cpu.ES].selector;
        c.fs = cpu.seg[Cpu.FS].selector;
        c.gs = cpu.seg[Cpu.GS].selector;
        c.cr3 = cpu.cr3;
    }

    private void resume(Cpu cpu) {
        Context next = kernel.current();
        if (next == null) {
            cpu.setFlag(Cpu.IF, true);
            cpu.state = Cpu.State.HALTED;
            return;
        }
        load(cpu, next);
        cpu.state = Cpu.State.RUNNING;
    }

    /**
     * A flat 4 GiB ring-3 segment with this selector. Every process has the same ones, so the
     * register usually holds it already, and a context switch costs no descriptor reload.
     */
    private static void flat(Segment s, int selector, int access) {
        if (s.selector != (selector & 0xFFFF) || s.base != 0 || s.limit != 0xFFFFFFFF || s.access != access
                || !s.big || !s.valid) {
            s.set(selector, 0, 0xFFFFFFFF, access, true);
        }
    }

    private void load(Cpu cpu, Context c) {
        cpu.reg[Cpu.EAX] = c.eax;
        cpu.reg[Cpu.ECX] = c.ecx;
        cpu.reg[Cpu.EDX] = c.edx;
        cpu.reg[Cpu.EBX] = c.ebx;
        cpu.reg[Cpu.ESP] = c.esp;
        cpu.reg[Cpu.EBP] = c.ebp;
        cpu.reg[Cpu.ESI] = c.esi;
        cpu.reg[Cpu.EDI] = c.edi;
        cpu.eip = c.eip;
        cpu.setEflags(c.eflags & ~FORBIDDEN_FLAGS | Cpu.IF);
        flat(cpu.seg[Cpu.CS], c.cs, USER_CODE_ACCESS);
        flat(cpu.seg[Cpu.SS], c.ss, USER_DATA_ACCESS);
        flat(cpu.seg[Cpu.DS], c.ds, USER_DATA_ACCESS);
        flat(cpu.seg[Cpu.ES], c.es, USER_DATA_ACCESS);
        flat(cpu.seg[Cpu.FS], c.fs, USER_DATA_ACCESS);
        flat(cpu.seg[Cpu.GS], c.gs, USER_DATA_ACCESS);
        cpu.cpl = 3;
        // Each address space keeps its own TLB across switches (Paging.switchSpace); only a
        // mapping the kernel removed or narrowed since the last switch makes them all go.
        long e = kernel.mappingEpoch();
        if (e != epoch) {
            cpu.cr3 = c.cr3;
            cpu.paging.flush();
            epoch = e;
        } else if (cpu.cr3 != c.cr3) {
            cpu.paging.switchSpace(c.cr3);
        }
        cpu.inhibitInterrupts = false;
    }
}
