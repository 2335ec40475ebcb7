package org.jinx.debug;

/** The five kinds of gdb's Z packets, in Z0..Z4 order, so {@code values()[type]} decodes a packet. */
public enum BreakpointKind {
    /** Z0: an execution breakpoint kept outside guest memory, any number of them. */
    SOFTWARE,
    /** Z1: an execution breakpoint in a debug-register slot. */
    HARDWARE,
    /** Z2: stops after an instruction that wrote the range. */
    WRITE_WATCH,
    /** Z3: stops after an instruction that read the range. */
    READ_WATCH,
    /** Z4: stops after an instruction that read or wrote the range. */
    ACCESS_WATCH;

    public boolean isWatchpoint() {
        return ordinal() >= WRITE_WATCH.ordinal();
    }
}
