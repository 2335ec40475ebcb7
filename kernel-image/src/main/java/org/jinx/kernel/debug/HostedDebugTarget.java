package org.jinx.kernel.debug;

import java.util.List;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.debug.BreakpointKind;
import org.jinx.debug.DebugMemory;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.MachineDebugTarget;
import org.jinx.debug.StopEvent;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * The hosted kernel under a debugger: every guest process is a gdb thread ({@link ThreadIds}).
 * Run control is the CPU's, through a {@link MachineDebugTarget}: there is one CPU, so a continue
 * runs the whole system, and a step runs the system until the stepped process has executed one
 * instruction ({@link #resume(boolean, int)}). What is per-thread:
 * <ul>
 * <li>registers: the process on the CPU has its registers in the CPU; every other one has them
 * in its saved context, which the kernel loads when it next runs (written registers included);
 * <li>memory: through the selected process's own page tables; an unmapped page is unreadable;
 * <li>software breakpoints: each belongs to the address space (CR3) of one process and stops
 * only there: the thread the user picked (gdb's {@code thread N}) when gdb first inserted it, or
 * the stopped thread if none was picked. gdb takes breakpoints out at every stop and puts them
 * back at every resume; one put back keeps its space ({@link BreakpointSpaces});
 * <li>hardware breakpoints and watchpoints: the same, by the same rule; each still takes slots
 * of the debug-register bank, which compares linear addresses whatever page tables are loaded,
 * so a hit in another process is passed over and that process runs on.
 * </ul>
 * Every stop selects the stopped thread: the process on the CPU, or, while the CPU is idle, the
 * process that ran last (or the first one, if that one has gone).
 *
 * <p>Everything about the kernel is read while the guest is stopped, under the monitor of the
 * CPU's target, which the guest thread holds whenever it changes state.
 */
public final class HostedDebugTarget implements DebugTarget {
    private final MachineDebugTarget cpuTarget;
    private final Kernel kernel;
    private final Cpu cpu;
    private final Machine machine;

    // Guarded by cpuTarget.
    private final BreakpointSpaces breakpointSpaces = new BreakpointSpaces();
    /** The same for hardware breakpoints and watchpoints, keyed by {@link #hardwareKey}. */
    private final BreakpointSpaces hardwareSpaces = new BreakpointSpaces();
    /** The thread gdb selected with Hg; 0 for the stopped thread. */
    private int selected;
    /**
     * The thread the user picked: the last Hg, unless it named the stopped thread (0). Unlike
     * the selection it survives the stop of a step, because gdb steps a thread over its
     * breakpoint before it inserts the breakpoints of a continue, and that step's stop resets
     * the selection to the stepped thread. Cleared at any other stop.
     */
    private int picked;
    /** The thread id of the process seen on the CPU at the last stop, 0 before any. */
    private int lastRan;
    /** A step in progress for this thread (0: none), and whether it still waits for the thread to get the CPU. */
    private int followTid;
    private boolean stepOnArrival;
    /** A Ctrl-C came while the step ran on. */
    private boolean stepInterrupted;
    /** The step's temporary breakpoint: the stepped process's next instruction, in its space. */
    private boolean tempSet;
    private boolean tempOwned;
    private long tempAddr;
    private int tempSpace;

    /** {@code startStopped}: the system waits for a debugger's first resume (QEMU's -S). */
    public HostedDebugTarget(Machine machine, Kernel kernel, boolean startStopped) {
        this.machine = machine;
        this.cpu = machine.cpu;
        this.kernel = kernel;
        this.cpuTarget = new MachineDebugTarget(machine, startStopped);
    }

    /** Runs the system under debugger control; see {@link MachineDebugTarget#runGuest}. */
    public Machine.StopReason runGuest(long maxInstructions) {
        return cpuTarget.runGuest(maxInstructions);
    }

    /** True once a debugger's kill has ended the run. */
    public boolean wasKilled() {
        return cpuTarget.wasKilled();
    }

    // ------------------------------------------------------------------ run control

    @Override
    public void setStopListener(StopListener l) {
        StopListener to = l != null ? l : e -> { };
        cpuTarget.setStopListener(new StopListener() {
            @Override
            public void stopped(StopEvent e) {
                StopEvent forward;
                synchronized (cpuTarget) {
                    forward = followStep(e);
                    if (forward != null) {
                        noteStop(forward.reason() == StopEvent.Reason.STEPPED);
                    }
                }
                if (forward != null) {
                    to.stopped(forward);
                }
            }

            @Override
            public void notice(String text) {
                to.notice(text);
            }
        });
    }

    /** At every stop: the stopped thread is selected again, and parked breakpoints age. */
    private void noteStop(boolean step) {
        selected = 0;
        if (!step) {
            picked = 0;
        }
        breakpointSpaces.stopped();
        hardwareSpaces.stopped();
        Proc p = kernel.currentProc();
        if (p != null && ThreadIds.isThread(p)) {
            lastRan = ThreadIds.of(p);
        }
    }

    @Override
    public boolean attach() {
        synchronized (cpuTarget) {
            boolean ok = cpuTarget.attach();
            if (ok) {
                noteStop(false); // an attach stops silently: no stop event
            }
            return ok;
        }
    }

    @Override
    public void detach() {
        synchronized (cpuTarget) {
            cpuTarget.detach(); // drops every breakpoint, a step's temporary one too
            tempSet = false;
            clearFollow();
            breakpointSpaces.clear();
            hardwareSpaces.clear();
        }
    }

    @Override
    public boolean resume(boolean step) {
        return resume(step, 0);
    }

    /**
     * A step executes one instruction of process {@code tid} (0: the one on the CPU). If that
     * process is not on the CPU, the system runs until it is, then steps it. If the instruction
     * enters the kernel and another process gets the CPU (an IPC that blocks, a preempting clock
     * tick), the system runs on until the stepped process is back, so a step never ends in
     * another process: stepping over {@code int $0x21} waits for the IPC to complete.
     */
    @Override
    public boolean resume(boolean step, int tid) {
        synchronized (cpuTarget) {
            if (cpuTarget.isRunning()) {
                return false;
            }
            clearFollow();
            Proc cur = kernel.currentProc();
            Proc want = !step ? null : tid > 0 ? ThreadIds.lookup(kernel.procs(), tid)
                    : cur != null && ThreadIds.isThread(cur) ? cur : null;
            if (want == null) {
                return cpuTarget.resume(step);
            }
            followTid = ThreadIds.of(want);
            if (want == cur) {
                return cpuTarget.resume(true);
            }
            stepOnArrival = true;
            return runUntilBack(want) && cpuTarget.resume(false);
        }
    }

    /**
     * Turns a stop of the CPU's target into the stop gdb is to see, or null when the system
     * runs on (a step that is still on its way back to its process). Caller holds cpuTarget.
     */
    private StopEvent followStep(StopEvent e) {
        if (followTid == 0 || e.isFinal()) {
            clearFollow();
            return e;
        }
        Proc cur = kernel.currentProc();
        boolean back = cur != null && ThreadIds.of(cur) == followTid && ThreadIds.isThread(cur);
        boolean ours = tempSet && e.reason() == StopEvent.Reason.BREAKPOINT && back
                && (cpu.seg[Cpu.CS].base + cpu.eip) == (int) tempAddr;
        if (stepInterrupted) {
            clearFollow();
            boolean stepStop = ours || e.reason() == StopEvent.Reason.STEPPED;
            return stepStop ? StopEvent.of(StopEvent.Reason.INTERRUPTED) : e;
        }
        if (ours && stepOnArrival) {
            dropTemp();
            stepOnArrival = false;
            cpuTarget.resume(true); // the process is on the CPU now: its step
            return null;
        }
        if (ours) {
            clearFollow();
            return StopEvent.of(StopEvent.Reason.STEPPED);
        }
        if (e.reason() == StopEvent.Reason.STEPPED && !back) {
            Proc f = ThreadIds.lookup(kernel.procs(), followTid);
            if (f != null && runUntilBack(f)) {
                cpuTarget.resume(false);
                return null;
            }
        }
        clearFollow(); // any other stop (a breakpoint, Ctrl-C) ends the step as it is
        return e;
    }

    /** Sets the breakpoint that stops when p next runs: at its saved EIP, in its space. */
    private boolean runUntilBack(Proc p) {
        tempAddr = p.context.eip & 0xFFFFFFFFL;
        tempSpace = p.context.cr3;
        Integer user = breakpointSpaces.activeSpace(tempAddr);
        tempOwned = user == null || user != tempSpace;
        tempSet = !tempOwned || cpuTarget.insertBreakpointInSpace(tempAddr, tempSpace);
        return tempSet;
    }

    private void dropTemp() {
        if (tempSet && tempOwned) {
            cpuTarget.removeBreakpointInSpace(tempAddr, tempSpace);
        }
        tempSet = false;
    }

    private void clearFollow() {
        dropTemp();
        followTid = 0;
        stepOnArrival = false;
        stepInterrupted = false;
    }

    /**
     * Also ends a step that is running on until its process is back: a Ctrl-C that comes in the
     * moment between the step's first stop and the run on would otherwise find nothing running.
     */
    @Override
    public void interrupt() {
        synchronized (cpuTarget) {
            if (followTid != 0) {
                stepInterrupted = true;
            }
            cpuTarget.interrupt();
        }
    }

    @Override
    public void kill() {
        cpuTarget.kill();
    }

    @Override
    public boolean isRunning() {
        return cpuTarget.isRunning();
    }

    @Override
    public StopEvent lastStop() {
        return cpuTarget.lastStop();
    }

    // ------------------------------------------------------------------ threads

    @Override
    public int[] threadIds() {
        synchronized (cpuTarget) {
            List<Proc> all = ThreadIds.all(kernel.procs());
            int[] ids = new int[all.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = ThreadIds.of(all.get(i));
            }
            return ids;
        }
    }

    @Override
    public boolean isThreadAlive(int tid) {
        synchronized (cpuTarget) {
            return ThreadIds.lookup(kernel.procs(), tid) != null;
        }
    }

    /** "pong, endpoint 1, receiving from ANY" (the state part: running, ready, or what blocks it). */
    @Override
    public String threadDescription(int tid) {
        synchronized (cpuTarget) {
            Proc p = ThreadIds.lookup(kernel.procs(), tid);
            if (p == null) {
                return null;
            }
            return p.name() + ", endpoint " + p.endpoint() + ", " + state(p);
        }
    }

    private String state(Proc p) {
        if (p == kernel.currentProc()) {
            return "running";
        }
        if (p.isRunnable()) {
            return "ready";
        }
        if (p.hasRts(RtsFlag.SENDING)) {
            return "sending to " + KernelReport.who(kernel, p.sendtoE);
        }
        if (p.hasRts(RtsFlag.RECEIVING)) {
            return "receiving from " + KernelReport.who(kernel, p.getfromE);
        }
        return "blocked: " + RtsFlag.describe(p.rts());
    }

    @Override
    public int stoppedThread() {
        synchronized (cpuTarget) {
            Proc p = kernel.currentProc();
            if (p != null && ThreadIds.isThread(p)) {
                return ThreadIds.of(p);
            }
            if (lastRan != 0 && ThreadIds.lookup(kernel.procs(), lastRan) != null) {
                return lastRan;
            }
            List<Proc> all = ThreadIds.all(kernel.procs());
            return all.isEmpty() ? CPU_THREAD : ThreadIds.of(all.get(0));
        }
    }

    @Override
    public boolean selectThread(int tid) {
        synchronized (cpuTarget) {
            if (tid != 0 && ThreadIds.lookup(kernel.procs(), tid) == null) {
                return false;
            }
            selected = tid;
            picked = tid != 0 && tid != stoppedThread() ? tid : 0;
            return true;
        }
    }

    /** The selected process, or null when there is none (no process left). Caller holds cpuTarget. */
    private Proc selectedProc() {
        Proc p = selected != 0 ? ThreadIds.lookup(kernel.procs(), selected) : null;
        return p != null ? p : ThreadIds.lookup(kernel.procs(), stoppedThread());
    }

    /** True when the selected process's state is the CPU's. Caller holds cpuTarget. */
    private boolean onCpu(Proc p) {
        return p == null || p == kernel.currentProc();
    }

    // ------------------------------------------------------------------ registers and memory

    @Override
    public int readRegister(int n, byte[] out, int off) {
        synchronized (cpuTarget) {
            Proc p = selectedProc();
            if (onCpu(p)) {
                return cpuTarget.readRegister(n, out, off);
            }
            return cpuTarget.isRunning() ? -1 : ContextRegisters.read(p.context, n, out, off);
        }
    }

    @Override
    public boolean writeRegister(int n, byte[] in, int off) {
        synchronized (cpuTarget) {
            Proc p = selectedProc();
            if (onCpu(p)) {
                return cpuTarget.writeRegister(n, in, off);
            }
            return !cpuTarget.isRunning() && !cpuTarget.lastStop().isFinal() && ContextRegisters.write(p.context, n, in, off);
        }
    }

    @Override
    public int readMemory(long addr, byte[] out, int off, int len) {
        synchronized (cpuTarget) {
            Proc p = selectedProc();
            if (onCpu(p)) {
                return cpuTarget.readMemory(addr, out, off, len);
            }
            return cpuTarget.isRunning() ? 0 : memoryOf(p).read(addr, out, off, len);
        }
    }

    @Override
    public int writeMemory(long addr, byte[] in, int off, int len) {
        synchronized (cpuTarget) {
            Proc p = selectedProc();
            if (onCpu(p)) {
                return cpuTarget.writeMemory(addr, in, off, len);
            }
            return cpuTarget.isRunning() || cpuTarget.lastStop().isFinal() ? 0 : memoryOf(p).write(addr, in, off, len);
        }
    }

    /** p's memory through its own page tables, as the kernel's memory manager maps them. */
    private DebugMemory memoryOf(Proc p) {
        int space = p.context.cr3;
        return new DebugMemory(machine.mem, lin -> kernel.spaces().translate(space, lin));
    }

    // ------------------------------------------------------------------ breakpoints

    @Override
    public boolean insertBreakpoint(BreakpointKind kind, long addr, int length) {
        synchronized (cpuTarget) {
            boolean soft = kind == BreakpointKind.SOFTWARE;
            BreakpointSpaces spaces = soft ? breakpointSpaces : hardwareSpaces;
            long key = soft ? addr : hardwareKey(kind, addr);
            if (spaces.activeSpace(key) != null) {
                return true; // gdb may insert the same point twice; it is one point
            }
            // A breakpoint gdb puts back keeps its space; a new one is the picked thread's, or the selected one's.
            Proc owner = picked != 0 ? ThreadIds.lookup(kernel.procs(), picked) : null;
            int space = spaces.spaceFor(key, spaceOf(owner != null ? owner : selectedProc()));
            boolean ok = soft ? cpuTarget.insertBreakpointInSpace(addr, space)
                    : cpuTarget.insertHardwareInSpace(kind, addr, length, space);
            if (!ok) {
                return false;
            }
            spaces.inserted(key, space);
            return true;
        }
    }

    /** A hardware point's key among {@link #hardwareSpaces}: its kind and address (gdb sets one of each). */
    private static long hardwareKey(BreakpointKind kind, long addr) {
        return (long) kind.ordinal() << 32 | addr & 0xFFFFFFFFL;
    }

    @Override
    public boolean removeBreakpoint(BreakpointKind kind, long addr, int length) {
        synchronized (cpuTarget) {
            if (kind != BreakpointKind.SOFTWARE) {
                if (!cpuTarget.removeBreakpoint(kind, addr, length)) {
                    return false;
                }
                hardwareSpaces.removed(hardwareKey(kind, addr));
                return true;
            }
            Integer space = breakpointSpaces.activeSpace(addr);
            if (space == null || !cpuTarget.removeBreakpointInSpace(addr, space)) {
                return false;
            }
            breakpointSpaces.removed(addr);
            return true;
        }
    }

    @Override
    public void removeAllBreakpoints() {
        synchronized (cpuTarget) {
            cpuTarget.removeAllBreakpoints();
            if (!cpuTarget.isRunning()) {
                breakpointSpaces.clear();
                hardwareSpaces.clear();
            }
        }
    }

    /** The page directory p's code runs under: the CPU's for the process on it. */
    private int spaceOf(Proc p) {
        if (p == null) {
            return MachineDebugTarget.ANY_SPACE;
        }
        return p == kernel.currentProc() ? cpu.cr3 : p.context.cr3;
    }

    // ------------------------------------------------------------------ monitor

    @Override
    public String registerDump() {
        return cpuTarget.registerDump();
    }

    /** The selected process's page tables (its CR3), whether or not it is on the CPU. */
    @Override
    public String memoryMap() {
        synchronized (cpuTarget) {
            if (cpuTarget.isRunning()) {
                return "the guest is running\n";
            }
            Proc p = selectedProc();
            if (p == null) {
                return cpuTarget.memoryMap();
            }
            return p.name() + " (thread " + ThreadIds.of(p) + "):\n" + cpuTarget.memoryMap(spaceOf(p));
        }
    }

    @Override
    public String processList() {
        synchronized (cpuTarget) {
            return cpuTarget.isRunning() ? "the guest is running\n" : KernelReport.processes(kernel, cpu.eip);
        }
    }

    @Override
    public String ipcState() {
        synchronized (cpuTarget) {
            return cpuTarget.isRunning() ? "the guest is running\n" : KernelReport.ipc(kernel);
        }
    }

    @Override
    public String addressNote() {
        return "Hosted mode: each guest process is a thread (id = endpoint + 1). Registers and memory are the selected"
                + " thread's, memory through its own page tables. A software breakpoint stops only in one process: the"
                + " thread you selected (thread N) when you continued, else the one that stopped; it stays that"
                + " process's. Hardware breakpoints and watchpoints stop in every process. A step runs one instruction"
                + " of its thread, however long other processes run in between.";
    }
}
