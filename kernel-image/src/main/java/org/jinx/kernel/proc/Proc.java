package org.jinx.kernel.proc;

import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.Priv;

/**
 * One process-table slot (MINIX struct proc, spec 3.1 and 5.6). Fields are grouped by what a
 * live-update slot swap does with them: slot-bound fields stay with the endpoint, image-bound
 * fields move with the program.
 */
public final class Proc {
    // ---------------------------------------------------------------- slot-bound
    /** Process-table index; negative for kernel tasks. */
    public final int slot;
    private int endpoint;
    private Priv priv;
    /** Head of the FIFO of processes blocked sending to this one (linked through qLink). */
    public Proc callerQ;

    // ---------------------------------------------------------------- image-bound
    private String name = "";
    private int rts = RtsFlag.SLOT_FREE.bit;
    private int misc;
    public final Context context = new Context();
    /** Scheduling queue (0 highest). Change only while not runnable. */
    int priority = RunQueues.USER_Q;
    /** Ticks a full quantum lasts, and ticks left of the current one. */
    public int quantumTicks = 8;
    public int ticksLeft = 8;
    /** Valid while SENDING: the destination. */
    public int sendtoE = Endpoint.NONE;
    /** Valid while RECEIVING: the wanted source, possibly ANY. */
    public int getfromE = Endpoint.NONE;
    /** Next process in the caller queue this one is blocked in. */
    public Proc qLink;
    /** Kernel copy of a blocked send's message, m_source already set. */
    public final Message sendmsg = new Message();
    /** A message awaiting copy-out to delivermsgVir before the process runs (MF DELIVERMSG). */
    public final Message delivermsg = new Message();
    public int delivermsgVir;
    /** A kernel call parked with SUSPEND, kept for its re-execution (MF KCALL_RESUME). */
    public final Message kcallMsg = new Message();
    /** Pending POSIX signals for the signal manager (p_pending); signal n is bit n-1. */
    public final long[] pendingSignals = new long[2];

    private final RunQueues queues;
    /** Link in the run queue; owned by RunQueues. */
    Proc nextReady;

    Proc(int slot, RunQueues queues) {
        this.slot = slot;
        this.queues = queues;
        this.endpoint = Endpoint.encode(0, slot);
    }

    public int endpoint() {
        return endpoint;
    }

    void setEndpoint(int e) {
        endpoint = e;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Priv priv() {
        return priv;
    }

    public void setPriv(Priv p) {
        priv = p;
    }

    public boolean isTask() {
        return slot < 0;
    }

    public boolean isFree() {
        return (rts & RtsFlag.SLOT_FREE.bit) != 0;
    }

    // ---------------------------------------------------------------- RTS flags

    public boolean isRunnable() {
        return rts == 0;
    }

    public boolean hasRts(RtsFlag f) {
        return (rts & f.bit) != 0;
    }

    public int rts() {
        return rts;
    }

    /** Blocks the process for reason f; if it was runnable it leaves the run queue. */
    public void setRts(RtsFlag f) {
        boolean wasRunnable = rts == 0;
        rts |= f.bit;
        if (wasRunnable) {
            queues.dequeue(this);
        }
    }

    /** Lifts reason f; if it was the last one the process joins the tail of its run queue. */
    public void clearRts(RtsFlag f) {
        if ((rts & f.bit) == 0) {
            return;
        }
        rts &= ~f.bit;
        if (rts == 0) {
            queues.enqueue(this);
        }
    }

    // ---------------------------------------------------------------- misc flags

    public boolean hasMisc(MiscFlag f) {
        return (misc & f.bit) != 0;
    }

    public int misc() {
        return misc;
    }

    public void setMisc(MiscFlag f) {
        misc |= f.bit;
    }

    public void clearMisc(MiscFlag f) {
        misc &= ~f.bit;
    }

    // ---------------------------------------------------------------- scheduling

    public int priority() {
        return priority;
    }

    /** Moves the process to another queue; like MINIX, only while it is not runnable. */
    public void setPriority(int q) {
        if (q < 0 || q >= RunQueues.NR_SCHED_QUEUES) {
            throw new IllegalArgumentException("priority " + q);
        }
        if (rts == 0) {
            throw new IllegalStateException(name + ": priority changed while runnable");
        }
        priority = q;
    }

    /** What the process waits for: its destination if SENDING, else its source if RECEIVING, else NONE. */
    public int blockedOn() {
        if (hasRts(RtsFlag.SENDING)) {
            return sendtoE;
        }
        if (hasRts(RtsFlag.RECEIVING)) {
            return getfromE;
        }
        return Endpoint.NONE;
    }

    @Override
    public String toString() {
        return name + "(" + Endpoint.name(endpoint) + ")";
    }
}
