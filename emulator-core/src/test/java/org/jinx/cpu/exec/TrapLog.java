package org.jinx.cpu.exec;

import org.jinx.bus.InterruptController;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.TrapSink;

/**
 * Test double for the places where an instruction's effect leaves the CPU: it takes every
 * exception through {@link Cpu#trapSink} and records it (the CPU halts, so a test can inspect
 * the state the faulting instruction left), and it can play an interrupt controller with one
 * pending vector.
 */
final class TrapLog implements TrapSink, InterruptController {
    /** Vector of the last exception, or -1 when none was raised. */
    int vector = -1;
    int errorCode = -1;
    int count;
    /** EIP when the exception was raised (the faulting instruction for a fault). */
    int eip = -1;
    /** Vector the fake controller delivers while {@link #irqPending} is set. */
    int irqVector = 0x20;
    boolean irqPending;

    private TrapLog() {
    }

    /** Installs a log that catches exceptions (not external interrupts) on {@code cpu}. */
    static TrapLog on(Cpu cpu) {
        TrapLog t = new TrapLog();
        cpu.trapSink = t;
        cpu.pic = t;
        return t;
    }

    @Override
    public boolean trap(Cpu cpu, Kind kind, int v, boolean hasErrorCode, int code) {
        if (kind != Kind.EXCEPTION) {
            return false; // interrupts go through the IVT as on hardware
        }
        vector = v;
        errorCode = hasErrorCode ? code : -1;
        eip = cpu.eip;
        count++;
        cpu.state = Cpu.State.HALTED;
        return true;
    }

    @Override
    public boolean intrPending() {
        return irqPending;
    }

    @Override
    public int acknowledge() {
        irqPending = false;
        return irqVector;
    }
}
