package org.jinx.cpu;

/**
 * Where interrupts and exceptions go when a host kernel, not the guest's IDT, handles them
 * (hosted mode). Returning true means the sink took the event and the CPU state is as the
 * sink left it; false sends it through the IDT as on hardware.
 */
@FunctionalInterface
public interface TrapSink {
    /** Kinds of event, so the sink can tell INT n from a fault with the same vector. */
    enum Kind { EXCEPTION, SOFTWARE, EXTERNAL }

    boolean trap(Cpu cpu, Kind kind, int vector, boolean hasErrorCode, int errorCode);
}
