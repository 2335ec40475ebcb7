package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.TrapSink;

/**
 * Delivery of interrupts and exceptions: through the IVT in real mode, through IDT gates in
 * protected mode (interrupt, trap and task gates, with the stack switch), and the double- and
 * triple-fault rules.
 *
 * <p>Delivery checks everything and writes the new stack frame before it changes a register,
 * so a fault during delivery leaves the interrupted state as it was; the fault is then handled
 * as the SDM's table "Conditions for Generating a Double Fault" says. INT n, INT3 and INTO are
 * instructions: a fault while delivering them is a fault of the instruction and goes back to
 * the step loop.
 */
public final class Interrupts {
    /** A chain of benign faults cannot be longer than this before #DF or shutdown ends it. */
    private static final int MAX_CHAIN = 8;

    private Interrupts() {
    }

    /**
     * Clocks of an interrupt or exception that hardware delivers: the manual gives no separate
     * counts, so they are INT n's, whose real-mode count is this.
     */
    static final int INT_REAL = 37;

    /** A hardware interrupt acknowledged from the PIC. */
    public static void external(Cpu cpu, int vector) {
        boolean pm = cpu.protectedMode();
        boolean fromV86 = cpu.v86();
        int cpl = cpu.cpl;
        int tr = cpu.tr.selector;
        int task = FarClocks.taskKind(cpu);
        try {
            deliver(cpu, TrapSink.Kind.EXTERNAL, vector, false, 0, cpu.eip);
        } catch (CpuFault f) {
            // An external interrupt is benign: the fault it caused is delivered on its own.
            raise(cpu, f.vector, f.hasErrorCode, f.errorCode);
            return;
        }
        charge(cpu, FarClocks.delivery(cpu, pm, fromV86, cpl, tr, task, INT_REAL));
    }

    /** Advances the clock by a delivery's count, unless cycle accounting is off (one clock an instruction). */
    private static void charge(Cpu cpu, int clocks) {
        if (cpu.cycleAccounting && cpu.state == Cpu.State.RUNNING) {
            cpu.clock.advance(clocks);
        }
    }

    /** A fault raised by an instruction: CS:EIP already points at the faulting instruction. */
    public static void exception(Cpu cpu, int vector, boolean hasError, int code) {
        raise(cpu, vector, hasError, code);
    }

    /** A trap after an instruction completed (single step, data breakpoint): EIP is the next one. */
    public static void trap(Cpu cpu, int vector) {
        raise(cpu, vector, false, 0);
    }

    /**
     * INT n, INT3, INTO: the return address is the next instruction. Faults during delivery
     * propagate to the caller as faults of the instruction.
     */
    public static void software(Cpu cpu, int vector, int returnEip) {
        deliver(cpu, TrapSink.Kind.SOFTWARE, vector, false, 0, returnEip);
    }

    /** Delivers an exception, escalating faults during delivery to #DF and then to shutdown. */
    private static void raise(Cpu cpu, int vector, boolean hasError, int code) {
        int first = vector;
        boolean pm = cpu.protectedMode();
        boolean fromV86 = cpu.v86();
        int cpl = cpu.cpl;
        int tr = cpu.tr.selector;
        int task = FarClocks.taskKind(cpu);
        for (int n = 0; ; n++) {
            try {
                deliver(cpu, TrapSink.Kind.EXCEPTION, vector, hasError, code, cpu.eip);
                charge(cpu, FarClocks.delivery(cpu, pm, fromV86, cpl, tr, task, INT_REAL));
                return;
            } catch (CpuFault f) {
                if (vector == Exceptions.DF || n >= MAX_CHAIN) {
                    cpu.state = Cpu.State.SHUTDOWN;
                    cpu.shutdownReason = String.format("triple fault: %s while delivering %s (first %s) at %04X:%08X",
                            f.getMessage(), Exceptions.name(vector), Exceptions.name(first),
                            cpu.seg[Cpu.CS].selector, cpu.eip);
                    return;
                }
                if (doubleFault(vector, f.vector)) {
                    vector = Exceptions.DF;
                    hasError = true;
                    code = 0;
                } else {
                    vector = f.vector;
                    hasError = f.hasErrorCode;
                    code = f.errorCode;
                }
            }
        }
    }

    /**
     * SDM table "Conditions for Generating a Double Fault": contributory after contributory, and
     * contributory or page fault after a page fault. Everything else is handled serially.
     */
    static boolean doubleFault(int first, int second) {
        boolean c2 = Exceptions.contributory(second);
        if (Exceptions.contributory(first)) {
            return c2;
        }
        return first == Exceptions.PF && (c2 || second == Exceptions.PF);
    }

    private static void deliver(Cpu cpu, TrapSink.Kind kind, int vector, boolean hasError, int code, int returnEip) {
        if (cpu.trapSink != null) {
            cpu.eip = returnEip;
            if (cpu.trapSink.trap(cpu, kind, vector, hasError, code)) {
                return;
            }
        }
        if (!cpu.protectedMode()) {
            real(cpu, vector, returnEip);
            return;
        }
        protectedMode(cpu, kind, vector, hasError, code, returnEip);
    }

    private static void real(Cpu cpu, int vector, int returnEip) {
        int off = vector * 4;
        if (off + 3 > cpu.idtrLimit) {
            throw cpu.gp(0);
        }
        int ip = cpu.paging.read16(cpu.idtrBase + off, false);
        int cs = cpu.paging.read16(cpu.idtrBase + off + 2, false);
        int sp = cpu.reg[Cpu.ESP];
        sp = Stacks.pushCurrent(cpu, sp, 2, cpu.getEflags(), 0);
        sp = Stacks.pushCurrent(cpu, sp, 2, cpu.seg[Cpu.CS].selector, 0);
        sp = Stacks.pushCurrent(cpu, sp, 2, returnEip, 0);
        cpu.setSp(sp);
        cpu.setFlag(Cpu.IF | Cpu.TF | Cpu.RF, false);
        cpu.seg[Cpu.CS].loadReal(cs);
        cpu.eip = ip;
    }

    /** SDM "INT n/INTO/INT 3", PROTECTED-MODE and the gate cases that follow it. */
    private static void protectedMode(Cpu cpu, TrapSink.Kind kind, int vector, boolean hasError, int code,
            int returnEip) {
        // EXT: the event came from outside the program (an interrupt or an earlier exception).
        int ext = kind == TrapSink.Kind.SOFTWARE ? 0 : 1;
        int idtErr = vector * 8 + 2 + ext;
        if (vector * 8 + 7 > (cpu.idtrLimit & 0xFFFF)) {
            throw cpu.gp(idtErr);
        }
        int a = cpu.idtrBase + vector * 8;
        long gate = Descriptor.of(cpu.paging.read32(a, false), cpu.paging.read32(a + 4, false));
        int type = Descriptor.type(gate);
        boolean isGate = !Descriptor.segment(gate)
                && (type == Descriptor.TASK_GATE || (type & 7) == Descriptor.INT_GATE16
                || (type & 7) == Descriptor.TRAP_GATE16);
        if (!isGate) {
            throw cpu.gp(idtErr);
        }
        if (kind == TrapSink.Kind.SOFTWARE && Descriptor.dpl(gate) < cpu.cpl) {
            throw cpu.gp(vector * 8 + 2);
        }
        if (!Descriptor.present(gate)) {
            throw cpu.fault(Exceptions.NP, idtErr);
        }
        if (type == Descriptor.TASK_GATE) {
            TaskSwitch.throughInterruptGate(cpu, gate, ext, returnEip, hasError, code);
            return;
        }
        int csSel = Descriptor.gateSelector(gate);
        if ((csSel & 0xFFFC) == 0) {
            throw cpu.gp(ext);
        }
        int csErr = csSel & 0xFFFC | ext;
        long cd = SegmentLoad.descriptor(cpu, csSel, Exceptions.GP, csErr);
        if (!Descriptor.code(cd) || Descriptor.dpl(cd) > cpu.cpl) {
            throw cpu.gp(csErr);
        }
        if (!Descriptor.present(cd)) {
            throw cpu.fault(Exceptions.NP, csErr);
        }
        int size = Descriptor.gate32(gate) ? 4 : 2;
        int eip = Descriptor.gateOffset(gate);
        int flags = cpu.getEflags();
        boolean vm = (flags & Cpu.VM) != 0;
        int dpl = Descriptor.dpl(cd);
        if (!Descriptor.conformingCode(cd) && dpl < cpu.cpl) {
            // INTER-PRIVILEGE-LEVEL-INTERRUPT: switch to the inner stack named in the TSS. From
            // virtual-8086 mode only a ring-0 handler may be entered.
            if (vm && dpl != 0) {
                throw cpu.gp(csErr);
            }
            long inner = Stacks.innerStack(cpu, dpl, ext);
            int ss = (int) (inner >>> 32);
            long sd = Stacks.checkInnerStack(cpu, ss, dpl, ext);
            if (Integer.compareUnsigned(eip, Descriptor.limit(cd)) > 0) {
                throw cpu.gp(ext);
            }
            int ssErr = ss & 0xFFFC | ext;
            int sp = (int) inner;
            if (vm) {
                sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.seg[Cpu.GS].selector, ssErr);
                sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.seg[Cpu.FS].selector, ssErr);
                sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.seg[Cpu.DS].selector, ssErr);
                sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.seg[Cpu.ES].selector, ssErr);
            }
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.seg[Cpu.SS].selector, ssErr);
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.reg[Cpu.ESP], ssErr);
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, flags, ssErr);
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, cpu.seg[Cpu.CS].selector, ssErr);
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, returnEip, ssErr);
            if (hasError) {
                sp = Stacks.pushTo(cpu, sd, dpl, sp, size, code, ssErr);
            }
            SegmentLoad.markAccessed(cpu, ss, sd);
            SegmentLoad.markAccessed(cpu, csSel, cd);
            // Commit: nothing below can fault.
            SegmentLoad.cache(cpu, Cpu.SS, ss, sd);
            cpu.setSp(sp);
            if (vm) {
                // The handler must not run with real-mode-style segments it cannot check.
                cpu.seg[Cpu.ES].loadNull(0);
                cpu.seg[Cpu.DS].loadNull(0);
                cpu.seg[Cpu.FS].loadNull(0);
                cpu.seg[Cpu.GS].loadNull(0);
            }
            SegmentLoad.loadCs(cpu, csSel, cd, dpl);
        } else {
            // INTRA-PRIVILEGE-LEVEL-INTERRUPT: a conforming handler or one at the current level.
            if (vm) {
                throw cpu.gp(csErr);
            }
            if (Integer.compareUnsigned(eip, Descriptor.limit(cd)) > 0) {
                throw cpu.gp(ext);
            }
            int sp = cpu.reg[Cpu.ESP];
            sp = Stacks.pushCurrent(cpu, sp, size, flags, ext);
            sp = Stacks.pushCurrent(cpu, sp, size, cpu.seg[Cpu.CS].selector, ext);
            sp = Stacks.pushCurrent(cpu, sp, size, returnEip, ext);
            if (hasError) {
                sp = Stacks.pushCurrent(cpu, sp, size, code, ext);
            }
            SegmentLoad.markAccessed(cpu, csSel, cd);
            cpu.setSp(sp);
            SegmentLoad.loadCs(cpu, csSel, cd, cpu.cpl);
        }
        cpu.setFlag(Cpu.TF | Cpu.NT | Cpu.RF | Cpu.VM, false);
        if ((type & 7) == Descriptor.INT_GATE16) {
            cpu.setFlag(Cpu.IF, false);
        }
        cpu.eip = size == 2 ? eip & 0xFFFF : eip;
    }
}
