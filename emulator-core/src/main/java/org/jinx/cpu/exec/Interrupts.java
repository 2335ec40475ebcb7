package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.TrapSink;

/**
 * Delivery of interrupts and exceptions: through the IVT in real mode, through IDT gates in
 * protected mode (interrupt, trap and task gates, with the stack switch), and the double- and
 * triple-fault rules.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /** A hardware interrupt acknowledged from the PIC. */
    public static void external(Cpu cpu, int vector) {
        deliver(cpu, TrapSink.Kind.EXTERNAL, vector, false, 0, cpu.eip);
    }

    /** A fault raised by an instruction: CS:EIP already points at the faulting instruction. */
    public static void exception(Cpu cpu, int vector, boolean hasError, int code) {
        deliver(cpu, TrapSink.Kind.EXCEPTION, vector, hasError, code, cpu.eip);
    }

    /** A trap after an instruction completed (single step, data breakpoint): EIP is the next one. */
    public static void trap(Cpu cpu, int vector) {
        deliver(cpu, TrapSink.Kind.EXCEPTION, vector, false, 0, cpu.eip);
    }

    /** INT n, INT3, INTO: the return address is the next instruction. */
    public static void software(Cpu cpu, int vector, int returnEip) {
        deliver(cpu, TrapSink.Kind.SOFTWARE, vector, false, 0, returnEip);
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
        cpu.state = Cpu.State.SHUTDOWN;
        cpu.shutdownReason = "protected-mode interrupt delivery not implemented: " + Exceptions.name(vector);
    }

    private static void real(Cpu cpu, int vector, int returnEip) {
        int off = vector * 4;
        if (off + 3 > cpu.idtrLimit) {
            cpu.state = Cpu.State.SHUTDOWN;
            cpu.shutdownReason = "IVT limit exceeded for vector " + vector;
            return;
        }
        int ip = cpu.paging.read16(cpu.idtrBase + off, false);
        int cs = cpu.paging.read16(cpu.idtrBase + off + 2, false);
        cpu.push(2, cpu.getEflags());
        cpu.push(2, cpu.seg[Cpu.CS].selector);
        cpu.push(2, returnEip);
        cpu.setFlag(Cpu.IF | Cpu.TF | Cpu.RF, false);
        cpu.seg[Cpu.CS].loadReal(cs);
        cpu.eip = ip;
    }
}
