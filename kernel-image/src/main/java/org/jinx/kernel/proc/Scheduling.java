package org.jinx.kernel.proc;

import org.jinx.kernel.abi.Abi;

import java.util.function.Consumer;
import org.jinx.kernel.ipc.Ipc;
import org.jinx.kernel.ipc.Message;

/**
 * Preemptive round robin by priority queues and quanta (MINIX proc.c's scheduling half). A
 * process runs until it blocks or its quantum runs out. Out of quantum, a process the kernel
 * schedules itself goes to the tail of its queue with a fresh quantum; a process with a
 * user-space scheduler (SYS_SCHEDCTL) is held by NO_QUANTUM and its scheduler gets
 * SCHEDULING_NO_QUANTUM on its behalf, until SYS_SCHEDULE gives it a new quantum.
 */
public final class Scheduling {
    /** m_type of the kernel's "out of quantum" message to a scheduler (spec 2.1: 0xF00 + 1). */
    @Abi
    public static final int SCHEDULING_NO_QUANTUM = 0xF01;
    /** Default quantum of the kernel's own scheduling, in ticks (about 133 ms at 60 Hz). */
    public static final int DEFAULT_QUANTUM = 8;

    private final ProcTable procs;
    private final Ipc ipc;
    private final Consumer<String> log;
    private final Message msg = new Message();

    public Scheduling(ProcTable procs, Ipc ipc, Consumer<String> log) {
        this.procs = procs;
        this.ipc = ipc;
        this.log = log;
    }

    /** Called by the clock when p's quantum is used up (its ticks are already refilled). */
    public void quantumExpired(Proc p) {
        Proc sched = p.scheduler == Endpoint.NONE ? null : procs.lookup(p.scheduler);
        if (sched == null || sched.priv() == null) {
            if (p.scheduler != Endpoint.NONE) {
                log.accept(p + "'s scheduler " + Endpoint.name(p.scheduler) + " is gone: the kernel schedules it");
                p.scheduler = Endpoint.NONE;
            }
            // Behind its equals: the only way processes move between queues is by RTS flags.
            p.setRts(RtsFlag.NO_QUANTUM);
            p.clearRts(RtsFlag.NO_QUANTUM);
            return;
        }
        p.setRts(RtsFlag.NO_QUANTUM);
        msg.clear();
        msg.setType(SCHEDULING_NO_QUANTUM);
        ipc.sendFromKernel(p, sched, msg);
    }

    /**
     * Sets p's queue and quantum (SYS_SCHEDULE and SCHEDCTL) and ends any NO_QUANTUM hold. A
     * runnable process leaves its queue and joins the tail of the new one. Values out of range
     * are the caller's to refuse; -1 keeps the current value.
     */
    public void setSchedule(Proc p, int priority, int quantum) {
        p.setRts(RtsFlag.NO_QUANTUM);
        if (priority >= 0) {
            p.setPriority(priority);
        }
        if (quantum > 0) {
            p.quantumTicks = quantum;
            p.ticksLeft = quantum;
        }
        p.clearRts(RtsFlag.NO_QUANTUM);
    }
}
