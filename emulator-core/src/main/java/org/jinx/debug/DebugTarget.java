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
 *
 * <p>Threads (gdb-rsp.md section 8): PC mode has one, the CPU, with id {@link #CPU_THREAD}; the
 * thread defaults below describe it. A hosted kernel's target has one thread per guest process.
 * Registers, memory and breakpoints apply to the thread chosen by {@link #selectThread}, which
 * goes back to the stopped thread at every stop.
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

    /** Whether register {@code n} is one of the x87's (ST0-ST7 and the control registers). */
    static boolean isFpuRegister(int n) {
        return n >= REG_ST0 && n < REGISTER_COUNT;
    }

    /**
     * A write of an x87 register while there is no FPU to hold it: accepted only when it writes
     * zeros, which is what the register reads as.
     */
    static boolean acceptsFpuWrite(int n, byte[] in, int off) {
        for (int i = 0; i < registerSize(n); i++) {
            if (in[off + i] != 0) {
                return false;
            }
        }
        return true;
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

    /**
     * A continue, or a step of thread {@code tid} (0: whichever thread is on the CPU). With one
     * CPU and one thread this is {@link #resume(boolean)}; a target with several threads makes
     * the step execute one instruction of that thread.
     */
    default boolean resume(boolean step, int tid) {
        return resume(step);
    }

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

    // ------------------------------------------------------------------ threads

    /** The one thread of PC mode: the CPU. */
    int CPU_THREAD = 1;

    /** The live threads' ids (positive), in the order gdb should list them. */
    default int[] threadIds() {
        return new int[] {CPU_THREAD};
    }

    /** True if {@code tid} names a live thread. */
    default boolean isThreadAlive(int tid) {
        return tid == CPU_THREAD;
    }

    /** A line about the thread for gdb's {@code info threads}, or null when there is no such thread. */
    default String threadDescription(int tid) {
        return tid == CPU_THREAD ? "CPU 0" : null;
    }

    /** The thread the guest is stopped in: stop replies and {@code qC} name it (meaningful while stopped). */
    default int stoppedThread() {
        return CPU_THREAD;
    }

    /**
     * Makes {@code tid} the thread that registers, memory and breakpoints refer to (gdb's
     * {@code Hg}); 0 means the stopped thread. False, with nothing changed, when it is not alive.
     */
    default boolean selectThread(int tid) {
        return tid == 0 || tid == CPU_THREAD;
    }

    // ------------------------------------------------------------------ hosted kernel state

    /** The process table as text, for {@code monitor ps}; null when there is no hosted kernel. */
    default String processList() {
        return null;
    }

    /** Who is sending to or receiving from whom, caller queues, pending bits, for {@code monitor ipc}; null without a hosted kernel. */
    default String ipcState() {
        return null;
    }

    /** How gdb's addresses and breakpoints are to be read on this target, for {@code monitor help}. */
    default String addressNote() {
        return "Addresses in gdb are linear (segment base + offset), translated through the current page tables.";
    }

    /** A target with no machine behind it: zero registers, no memory, no breakpoints, instant stops. */
    DebugTarget NULL = new NullDebugTarget();
}
