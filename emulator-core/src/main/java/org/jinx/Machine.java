package org.jinx;

import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;
import org.jinx.mem.PhysicalMemory;
import org.jinx.time.EventScheduler;
import org.jinx.time.VirtualClock;

/**
 * The machine without devices: CPU, physical memory, the I/O bus, virtual time and the run
 * loop. A board (PcPlatform) adds chips to the buses; the run loop executes the CPU until the
 * earliest device deadline, fires what is due, and repeats until something stops it.
 */
public final class Machine {
    /** Why {@link #run} returned. */
    public enum StopReason { EXIT_REQUESTED, INSTRUCTION_LIMIT, SHUTDOWN, HALTED_FOREVER, INTERRUPTED }

    public final VirtualClock clock;
    public final EventScheduler scheduler;
    public final PhysicalMemory mem;
    public final IoPortBus io;
    public final Cpu cpu;

    private boolean exitRequested;
    /** Survives the start of {@link #run}, so an interrupt just before it is not lost. */
    private volatile boolean interruptRequested;
    private int exitStatus;
    private StopReason stopReason;

    public Machine(int ramBytes, long cpuHz) {
        clock = new VirtualClock(cpuHz);
        scheduler = new EventScheduler(clock);
        mem = new PhysicalMemory(ramBytes);
        io = new IoPortBus();
        cpu = new Cpu(mem, io, clock);
        // a device armed a deadline earlier than the one the CPU is running toward: stop and rescan
        scheduler.setEarlierDeadlineListener(() -> cpu.exitLoop = true);
    }

    /** Asks the run loop to stop after the current instruction with a process exit status. */
    public void requestExit(int status) {
        exitRequested = true;
        exitStatus = status;
        cpu.exitLoop = true;
    }

    /** Stops the run loop from another thread (Ctrl-C, a debugger). */
    public void interrupt() {
        interruptRequested = true;
        cpu.exitLoop = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    /** Runs until exit is requested, the CPU shuts down or halts for good, or the limit is reached. */
    public StopReason run(long maxInstructions) {
        long limit = maxInstructions <= 0 ? Long.MAX_VALUE : cpu.instructions + maxInstructions;
        cpu.exitLoop = interruptRequested || cpu.debuggerStop;
        while (true) {
            if (exitRequested) {
                return stop(StopReason.EXIT_REQUESTED);
            }
            if (cpu.exitLoop) {
                cpu.exitLoop = false;
                if (cpu.debuggerStop) {
                    // A debugger's own stop; an interrupt from elsewhere stays pending for the next run.
                    cpu.debuggerStop = false;
                    return stop(StopReason.INTERRUPTED);
                }
                if (interruptRequested) {
                    interruptRequested = false;
                    return stop(StopReason.INTERRUPTED);
                }
                continue; // only a new, earlier device deadline: run toward it
            }
            if (cpu.instructions >= limit) {
                return stop(StopReason.INSTRUCTION_LIMIT);
            }
            long deadline = scheduler.nextDeadline();
            if (cpu.state == Cpu.State.SHUTDOWN) {
                return stop(StopReason.SHUTDOWN);
            }
            if (cpu.state == Cpu.State.HALTED
                    && (!cpu.ifFlag() || deadline == Long.MAX_VALUE && !cpu.pic.intrPending())) {
                // Nothing can ever wake the CPU: HLT with IF=0 waits for NMI or RESET, which no
                // device raises, however many timers are armed; with IF=1, no timer is armed and
                // no interrupt is pending.
                return stop(StopReason.HALTED_FOREVER);
            }
            cpu.runUntil(deadline, limit - cpu.instructions);
            scheduler.runDue();
        }
    }

    private StopReason stop(StopReason r) {
        stopReason = r;
        return r;
    }
}
