package org.jinx.debug;

/**
 * Why the guest stopped under a debugger. {@code address} is the breakpoint or watched address
 * where there is one; {@code code} is the exit status for {@link Reason#EXITED} and gdb's signal
 * number for {@link Reason#TERMINATED}.
 */
public record StopEvent(Reason reason, long address, int code) {
    public enum Reason {
        /** At rest after an attach or at start-up: nothing happened, the guest is simply stopped. */
        STOPPED,
        /** One instruction (or one interrupt delivery) was executed. */
        STEPPED,
        /** A software breakpoint (Z0) is at CS:EIP; the instruction has not executed. */
        BREAKPOINT,
        /** A hardware breakpoint (Z1) is at CS:EIP; the instruction has not executed. */
        HW_BREAKPOINT,
        /** The last instruction wrote a write watchpoint's range (Z2). */
        WATCH,
        /** The last instruction read a read watchpoint's range (Z3). */
        READ_WATCH,
        /** The last instruction accessed an access watchpoint's range (Z4). */
        ACCESS_WATCH,
        /** A stop request (gdb's Ctrl-C) took effect. */
        INTERRUPTED,
        /** The CPU shut down (triple fault); its state stays inspectable. */
        SHUTDOWN,
        /** The guest wrote the exit port; the run is over. */
        EXITED,
        /** The run is over for another reason (killed, instruction limit, a stop from outside, internal error). */
        TERMINATED
    }

    // gdb's own signal numbers (include/gdb/signals.def).
    public static final int SIGABRT = 6, SIGKILL = 9, SIGALRM = 14, SIGXCPU = 24;

    public static StopEvent of(Reason reason) {
        return new StopEvent(reason, 0, 0);
    }

    /** True when the run is over and no further stop will follow. */
    public boolean isFinal() {
        return reason == Reason.EXITED || reason == Reason.TERMINATED;
    }
}
