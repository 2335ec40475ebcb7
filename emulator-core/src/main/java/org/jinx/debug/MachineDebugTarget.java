package org.jinx.debug;

import org.jinx.Machine;
import org.jinx.cpu.BreakpointHook;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.DebugRegisters;
import org.jinx.debug.StopEvent.Reason;

/**
 * A {@link DebugTarget} over a PC-mode {@link Machine}. The guest runs on the thread that calls
 * {@link #runGuest}; a debugger front end calls the other methods from its own thread. All
 * hand-over goes through this object's monitor: the guest thread parks in {@link #runGuest}
 * while stopped, and registers, memory and breakpoints are touched only then, so the two threads
 * never share CPU state while it changes.
 *
 * <p>Run control: a continue runs {@link Machine#run} at full speed; breakpoints are tested by a
 * {@link BreakpointHook} installed only while some exist, and watchpoints by the debugger's own
 * debug-register bank, which stops the run loop after the accessing instruction (so gdb sees the
 * new value). A step executes one instruction, or takes one pending interrupt and stops at the
 * handler's first instruction. A step while the CPU is in HLT (gdb-rsp.md, P18) does not wait:
 * with IF=1 it moves virtual time to the next device event and takes the interrupt that raises,
 * if any; otherwise it completes at once with EIP unchanged and the CPU still halted.
 */
public final class MachineDebugTarget implements DebugTarget {
    /** How long attach and detach wait for a running guest to stop. */
    static final long STOP_TIMEOUT_MS = 5000;
    /** While the CPU is halted for good, how often the run loop looks for requests. */
    private static final long HALT_POLL_MS = 20;

    /** The space of a software breakpoint that stops whatever page tables are loaded (PC mode's). */
    public static final int ANY_SPACE = SoftBreakpoints.ANY_SPACE;

    private enum Mode { RUNNING, STEPPING, STOPPED, ENDED }

    private final Machine machine;
    private final Cpu cpu;
    private final DebugMemory memory;
    private final RegisterFile registers;
    private final SoftBreakpoints soft = new SoftBreakpoints();
    private final WatchBank bank;
    private final BreakpointHook hook = this::breakpointHit;
    /** The breakpoint the hook stopped at; written and read on the guest thread only. */
    private StopEvent hookStop;

    // Guarded by this.
    private Mode mode;
    private boolean silentStop;
    private StopEvent lastStop = StopEvent.of(Reason.STOPPED);
    private Machine.StopReason endReason;

    private volatile boolean stopRequested;
    private volatile boolean killRequested;
    private volatile StopListener listener = e -> { };

    /** {@code startStopped}: the guest waits for a debugger's first resume (QEMU's -S). */
    public MachineDebugTarget(Machine machine, boolean startStopped) {
        this.machine = machine;
        this.cpu = machine.cpu;
        this.memory = new DebugMemory(cpu);
        this.registers = new RegisterFile(cpu, memory);
        this.bank = new WatchBank(cpu);
        this.mode = startStopped ? Mode.STOPPED : Mode.RUNNING;
    }

    // ------------------------------------------------------------------ the guest thread

    /**
     * Runs the guest under debugger control until the run is over: the guest exits, the
     * instruction limit is reached, or a debugger kills it. A stop for the debugger (breakpoint,
     * step, Ctrl-C, triple fault, halt for good) does not end it; the guest waits for a resume.
     * Returns what ended the run: EXIT_REQUESTED, INSTRUCTION_LIMIT, or INTERRUPTED (killed, see
     * {@link #wasKilled}, or stopped from outside through {@link Machine#interrupt}, such as
     * jinx's --timeout watchdog).
     */
    public Machine.StopReason runGuest(long maxInstructions) {
        long limit = maxInstructions <= 0 ? Long.MAX_VALUE : cpu.instructions + maxInstructions;
        try {
            while (true) {
                boolean step;
                synchronized (this) {
                    while (mode == Mode.STOPPED && !killRequested) {
                        wait();
                    }
                    step = mode == Mode.STEPPING;
                }
                StopEvent e = killRequested ? null : step ? stepOnce() : runFreely(limit);
                if (e == null) {
                    return end(Machine.StopReason.INTERRUPTED, null);
                }
                if (e.isFinal()) {
                    Machine.StopReason r = e.reason() == Reason.EXITED ? Machine.StopReason.EXIT_REQUESTED
                            : e.code() == StopEvent.SIGXCPU ? Machine.StopReason.INSTRUCTION_LIMIT
                            : Machine.StopReason.INTERRUPTED;
                    return end(r, e);
                }
                stopWith(e);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return end(Machine.StopReason.INTERRUPTED, new StopEvent(Reason.TERMINATED, 0, StopEvent.SIGKILL));
        } catch (RuntimeException | Error crash) {
            // The emulator itself failed: tell gdb the run is over before the error propagates.
            end(Machine.StopReason.INTERRUPTED, new StopEvent(Reason.TERMINATED, 0, StopEvent.SIGABRT));
            throw crash;
        }
    }

    /** True once a debugger's kill has ended the run. */
    public boolean wasKilled() {
        return killRequested && hasEnded();
    }

    /** What ended the run, once {@link #runGuest} has returned; null before. */
    public synchronized Machine.StopReason endReason() {
        return endReason;
    }

    private Machine.StopReason end(Machine.StopReason reason, StopEvent event) {
        synchronized (this) {
            cpu.breakpointHook = null;
            mode = Mode.ENDED;
            endReason = reason;
            if (event != null) {
                lastStop = event;
            }
            notifyAll();
        }
        if (event != null) {
            listener.stopped(event);
        }
        return reason;
    }

    private StopEvent runFreely(long limit) throws InterruptedException {
        hookStop = null;
        cpu.debuggerDr[6] = 0;
        cpu.breakpointHook = soft.isEmpty() && !bank.hasInstructionSlots() ? null : hook;
        boolean haltNoted = false;
        while (true) {
            // A stop or kill request sets cpu.debuggerStop, so machine.run returns at once for it.
            long left = 0;
            if (limit != Long.MAX_VALUE) {
                left = limit - cpu.instructions;
                if (left <= 0) {
                    return new StopEvent(Reason.TERMINATED, 0, StopEvent.SIGXCPU);
                }
            }
            switch (machine.run(left)) {
                case EXIT_REQUESTED:
                    return new StopEvent(Reason.EXITED, 0, machine.exitStatus());
                case INSTRUCTION_LIMIT:
                    return new StopEvent(Reason.TERMINATED, 0, StopEvent.SIGXCPU);
                case SHUTDOWN:
                    listener.notice("jinx: " + (cpu.shutdownReason != null ? cpu.shutdownReason : "CPU shutdown") + "\n");
                    return StopEvent.of(Reason.SHUTDOWN);
                case HALTED_FOREVER:
                    if (!haltNoted) {
                        haltNoted = true;
                        listener.notice(String.format("jinx: the CPU halted at %04x:%08x with interrupts disabled;"
                                + " interrupt to stop it%n", cpu.seg[Cpu.CS].selector, cpu.eip));
                    }
                    synchronized (this) {
                        if (!stopRequested && !killRequested) {
                            wait(HALT_POLL_MS);
                        }
                    }
                    if (killRequested) {
                        return null;
                    }
                    if (stopRequested) {
                        return StopEvent.of(Reason.INTERRUPTED);
                    }
                    break;
                default: // INTERRUPTED: a breakpoint, a watchpoint, a request, or a stop from outside
                    if (hookStop != null) {
                        return hookStop;
                    }
                    int hits = cpu.debuggerDr[6];
                    cpu.debuggerDr[6] = 0;
                    StopEvent watch = hits != 0 ? bank.dataStop(hits) : null;
                    if (watch != null) {
                        return watch;
                    }
                    if (killRequested) {
                        return null;
                    }
                    if (stopRequested) {
                        return StopEvent.of(Reason.INTERRUPTED);
                    }
                    if (hits != 0) {
                        break; // only a read watchpoint's slot that was written: run on
                    }
                    // Not the debugger's stop: Machine.interrupt() from elsewhere (the --timeout
                    // watchdog) ends the run, as it would without a debugger.
                    return new StopEvent(Reason.TERMINATED, 0, StopEvent.SIGALRM);
            }
        }
    }

    private StopEvent stepOnce() {
        cpu.breakpointHook = null; // the instruction at EIP runs even if a breakpoint is on it
        cpu.debuggerDr[6] = 0;
        cpu.debuggerStop = false;
        if (cpu.state == Cpu.State.SHUTDOWN) {
            return StopEvent.of(Reason.SHUTDOWN);
        }
        if (cpu.state == Cpu.State.HALTED && !wakeForStep()) {
            return StopEvent.of(Reason.STEPPED);
        }
        cpu.step();
        cpu.debuggerStop = false; // a watchpoint hit is read from debuggerDr[6] below
        if (!machine.exitRequested() && machine.scheduler.nextDeadline() <= machine.clock.cycles()) {
            machine.scheduler.runDue();
        }
        if (machine.exitRequested()) {
            return new StopEvent(Reason.EXITED, 0, machine.exitStatus());
        }
        if (cpu.state == Cpu.State.SHUTDOWN) {
            return StopEvent.of(Reason.SHUTDOWN);
        }
        int hits = cpu.debuggerDr[6];
        cpu.debuggerDr[6] = 0;
        StopEvent watch = hits != 0 ? bank.dataStop(hits) : null;
        return watch != null ? watch : StopEvent.of(Reason.STEPPED);
    }

    /** True when a halted CPU has an interrupt to take now, moving time to the next device event if needed. */
    private boolean wakeForStep() {
        if (!cpu.ifFlag()) {
            return false;
        }
        if (!cpu.pic.intrPending()) {
            long deadline = machine.scheduler.nextDeadline();
            if (deadline == Long.MAX_VALUE) {
                return false;
            }
            if (machine.clock.cycles() < deadline) {
                machine.clock.setCycles(deadline);
            }
            machine.scheduler.runDue();
        }
        return cpu.pic.intrPending();
    }

    private boolean breakpointHit(Cpu c) {
        int lin = c.seg[Cpu.CS].base + c.eip;
        if (soft.contains(lin, c.cr3)) {
            hookStop = new StopEvent(Reason.BREAKPOINT, lin & 0xFFFFFFFFL, 0);
            return true;
        }
        int hw = DebugRegisters.debuggerInstructionHits(c);
        if (hw != 0) {
            hookStop = bank.instructionStop(hw);
            return hookStop != null;
        }
        return false;
    }

    private void stopWith(StopEvent e) {
        StopListener l;
        synchronized (this) {
            cpu.breakpointHook = null;
            // Every request made so far (they are made under this lock) is met by this stop.
            stopRequested = false;
            cpu.debuggerStop = false;
            if (silentStop && e.reason() == Reason.INTERRUPTED) {
                e = StopEvent.of(Reason.STOPPED); // an attach, not a Ctrl-C
            }
            l = silentStop ? null : listener;
            silentStop = false;
            mode = Mode.STOPPED;
            lastStop = e;
            notifyAll();
        }
        if (l != null) {
            l.stopped(e);
        }
    }

    // ------------------------------------------------------------------ the debugger's threads

    @Override
    public void setStopListener(StopListener l) {
        listener = l != null ? l : e -> { };
    }

    @Override
    public synchronized boolean attach() {
        if (mode == Mode.ENDED || killRequested) {
            return false;
        }
        if (mode != Mode.STOPPED) {
            silentStop = true;
            stopAndWait();
        }
        return mode == Mode.STOPPED;
    }

    @Override
    public synchronized void detach() {
        if (mode == Mode.ENDED || killRequested) {
            return;
        }
        if (mode != Mode.STOPPED) {
            silentStop = true;
            stopAndWait();
            if (mode != Mode.STOPPED) {
                return;
            }
        }
        soft.clear();
        bank.clear();
        mode = Mode.RUNNING;
        stopRequested = false;
        notifyAll();
    }

    /** Asks the guest thread to stop and waits for it, bounded; the caller holds the monitor. */
    private void stopAndWait() {
        stopRequested = true;
        requestStop();
        long deadline = System.nanoTime() + STOP_TIMEOUT_MS * 1_000_000L;
        try {
            while (mode == Mode.RUNNING || mode == Mode.STEPPING) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean resume(boolean step) {
        if (mode != Mode.STOPPED || killRequested) {
            return false;
        }
        mode = step ? Mode.STEPPING : Mode.RUNNING;
        stopRequested = false;
        notifyAll();
        return true;
    }

    @Override
    public synchronized void interrupt() {
        if (mode == Mode.RUNNING) {
            stopRequested = true;
            requestStop();
        }
    }

    @Override
    public synchronized void kill() {
        killRequested = true;
        requestStop();
    }

    /** Makes the guest thread's run loop return: from Machine.run, or from its wait while halted. */
    private void requestStop() {
        cpu.debuggerStop = true;
        cpu.exitLoop = true;
        notifyAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return mode == Mode.RUNNING || mode == Mode.STEPPING;
    }

    /** True once the run is over (the guest exited, was killed or reached its limit). */
    public synchronized boolean hasEnded() {
        return mode == Mode.ENDED;
    }

    @Override
    public synchronized StopEvent lastStop() {
        return lastStop;
    }

    private boolean inspectable() {
        return mode == Mode.STOPPED || mode == Mode.ENDED;
    }

    @Override
    public synchronized int readRegister(int n, byte[] out, int off) {
        return inspectable() ? registers.read(n, out, off) : -1;
    }

    @Override
    public synchronized boolean writeRegister(int n, byte[] in, int off) {
        return mode == Mode.STOPPED && registers.write(n, in, off);
    }

    @Override
    public synchronized int readMemory(long addr, byte[] out, int off, int len) {
        return inspectable() ? memory.read(addr, out, off, len) : 0;
    }

    @Override
    public synchronized int writeMemory(long addr, byte[] in, int off, int len) {
        return mode == Mode.STOPPED ? memory.write(addr, in, off, len) : 0;
    }

    @Override
    public synchronized boolean insertBreakpoint(BreakpointKind kind, long addr, int length) {
        if (mode != Mode.STOPPED) {
            return false;
        }
        return kind == BreakpointKind.SOFTWARE ? soft.add(addr, SoftBreakpoints.ANY_SPACE) : bank.insert(kind, addr, length);
    }

    @Override
    public synchronized boolean removeBreakpoint(BreakpointKind kind, long addr, int length) {
        if (mode != Mode.STOPPED) {
            return false;
        }
        return kind == BreakpointKind.SOFTWARE ? soft.remove(addr, SoftBreakpoints.ANY_SPACE) : bank.remove(kind, addr, length);
    }

    /**
     * A software breakpoint that stops only while {@code cr3} is the loaded page directory: one
     * process's address space under a hosted kernel. False unless the guest is stopped.
     */
    public synchronized boolean insertBreakpointInSpace(long addr, int cr3) {
        return mode == Mode.STOPPED && soft.add(addr, cr3);
    }

    /** Removes what {@link #insertBreakpointInSpace} inserted; false if it is not there or the guest runs. */
    public synchronized boolean removeBreakpointInSpace(long addr, int cr3) {
        return mode == Mode.STOPPED && soft.remove(addr, cr3);
    }

    /**
     * A hardware breakpoint or watchpoint ({@code kind} not SOFTWARE) that stops only while
     * {@code cr3} is the loaded page directory; it still takes a debug-register slot, and a hit
     * in another space runs on. Removed by {@link #removeBreakpoint}. False unless stopped.
     */
    public synchronized boolean insertHardwareInSpace(BreakpointKind kind, long addr, int length, int cr3) {
        return mode == Mode.STOPPED && kind != BreakpointKind.SOFTWARE && bank.insert(kind, addr, length, cr3);
    }

    @Override
    public synchronized void removeAllBreakpoints() {
        if (mode == Mode.STOPPED) {
            soft.clear();
            bank.clear();
        }
    }

    @Override
    public synchronized String registerDump() {
        return inspectable() ? cpu.dump() : "the guest is running\n";
    }

    /** The ranges the page directory at {@code cr3} maps: another address space than the loaded one. */
    public synchronized String memoryMap(int cr3) {
        return inspectable() ? PageMapDump.describe(cpu.mem, cr3) : "the guest is running\n";
    }

    @Override
    public synchronized String memoryMap() {
        return inspectable() ? PageMapDump.describe(cpu) : "the guest is running\n";
    }
}
