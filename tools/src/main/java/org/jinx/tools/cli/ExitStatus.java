package org.jinx.tools.cli;

/**
 * The process exit statuses of {@code jinx}. Odd statuses belong to the guest: a write of v to
 * the isa-debug-exit port ends the run with (v << 1) | 1, as under QEMU. Jinx's own outcomes
 * are therefore even, so a script can always tell who ended the run.
 */
public final class ExitStatus {
    /** The command did what it was asked (or, for {@code jinx boot}, the demo reported success). */
    public static final int OK = 0;
    /** The command line was wrong: unknown option, missing or conflicting arguments. */
    public static final int USAGE = 2;
    /** An input could not be used: a missing file, a ROM of the wrong size, a kernel that is not multiboot. */
    public static final int BAD_INPUT = 4;
    /** The CPU shut down (triple fault). */
    public static final int TRIPLE_FAULT = 6;
    /** The CPU halted with nothing able to wake it (HLT with interrupts disabled). */
    public static final int HALTED = 8;
    /** {@code --max-instructions} was reached before the guest exited. */
    public static final int INSTRUCTION_LIMIT = 10;
    /** {@code --timeout} ran out, or the run was stopped from outside the guest. */
    public static final int TIMEOUT = 12;
    /** A debugger attached with {@code --gdb} killed the guest ({@code kill} in gdb). */
    public static final int KILLED = 14;
    /** Jinx was interrupted (a signal or a thread interrupt) before the guest ended. */
    public static final int INTERRUPTED = 16;
    /** A fault in Jinx itself; the message asks for {@code --debug}. */
    public static final int INTERNAL_ERROR = 70;

    private ExitStatus() {
    }
}
