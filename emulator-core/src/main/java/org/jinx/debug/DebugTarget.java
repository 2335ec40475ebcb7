package org.jinx.debug;

/**
 * What a debugger front end (the gdb stub) sees of a machine: registers in gdb's i386 numbering,
 * memory by linear address, breakpoints, and run control across threads. The guest runs on its
 * own thread; every method here may be called from another one. Registers, memory and
 * breakpoints are only reachable while the guest is stopped; otherwise they report failure.
 *
 * <p>Register numbers follow the target description the stub serves: 0-7 EAX ECX EDX EBX ESP EBP
 * ESI EDI, 8 EIP, 9 EFLAGS, 10-15 CS SS DS ES FS GS (32-bit fields, selector zero-extended), 16-23
 * ST0-ST7 (10 bytes each), 24-31 FCTRL FSTAT FTAG FISEG FIOFF FOSEG FOOFF FOP.
 */
public interface DebugTarget {
    /** Registers in the core feature of the target description. */
    int REGISTER_COUNT = 32;
    int REG_EIP = 8, REG_EFLAGS = 9, REG_CS = 10, REG_ST0 = 16, REG_FCTRL = 24;

    /** Size in bytes of register {@code n} in the {@code g} block, or -1 when there is no such register. */
    static int registerSize(int n) {
        if (n < 0 || n >= REGISTER_COUNT) {
            return -1;
        }
        return n >= REG_ST0 && n < REG_FCTRL ? 10 : 4;
    }

    /** Receives stops; called on the guest's thread, so it must not block. */
    @FunctionalInterface
    interface StopListener {
        void stopped(StopEvent event);

        /** A note for the user while the guest runs (for example that it halted with IF=0). */
        default void notice(String text) {
        }
    }

    void setStopListener(StopListener listener);

    /** Stops the guest if it runs and waits until it has; false if the run is over. */
    boolean attach();

    /** Removes every breakpoint and watchpoint and lets the guest run on. */
    void detach();

    /** Starts a continue or a single step; false unless the guest was stopped. A stop event follows. */
    boolean resume(boolean step);

    /** Asks a running guest to stop; a stop event with {@link StopEvent.Reason#INTERRUPTED} follows. Ignored when stopped. */
    void interrupt();

    /** Ends the run for good; no stop event follows. */
    void kill();

    boolean isRunning();

    /** The stop the guest is in (meaningful while stopped). */
    StopEvent lastStop();

    /** Writes register {@code n} into {@code out} at {@code off}; returns its size, or -1. */
    int readRegister(int n, byte[] out, int off);

    /** Sets register {@code n} from {@code size} bytes; false if refused. */
    boolean writeRegister(int n, byte[] in, int off);

    /** Reads from a linear address; returns how many bytes could be read (a prefix). */
    int readMemory(long addr, byte[] out, int off, int len);

    /** Writes to a linear address; returns how many bytes could be written (a prefix). */
    int writeMemory(long addr, byte[] in, int off, int len);

    boolean insertBreakpoint(BreakpointKind kind, long addr, int length);

    boolean removeBreakpoint(BreakpointKind kind, long addr, int length);

    void removeAllBreakpoints();

    /** Full CPU state as text, for {@code monitor registers}. */
    String registerDump();

    /** The mapped linear ranges as text, for {@code monitor memory map}. */
    String memoryMap();

    /** A target with no machine behind it: zero registers, no memory, no breakpoints, instant stops. */
    DebugTarget NULL = new NullDebugTarget();
}
