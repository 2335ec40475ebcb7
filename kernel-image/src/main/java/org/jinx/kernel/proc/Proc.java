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
    /** The user-space scheduler that decides this process's quanta, or NONE: the kernel does. */
    public int scheduler = Endpoint.NONE;

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
    /** Clock ticks charged while the process ran, and ticks of kernel work done for it. */
    public long userTicks;
    public long sysTicks;
    /** True if the kernel made context.cr3's address space for this process and frees it at clear. */
    public boolean ownsSpace;

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

    // ---------------------------------------------------------------- live update (spec 5.6)

    /**
     * Exchanges everything image-bound with {@code other}: registers and address space, RTS and
     * misc flags, IPC state, scheduling, accounting, name. Slot-bound fields (slot, endpoint,
     * priv, caller queue, scheduler) stay. Both must be non-runnable, so neither is in a run
     * queue, and both stay non-runnable afterwards.
     */
    public void swapImageWith(Proc other) {
        if (rts == 0 || other.rts == 0) {
            throw new IllegalStateException("image swap of a runnable process: " + this + ", " + other);
        }
        String n = name;
        name = other.name;
        other.name = n;
        int t = rts;
        rts = other.rts;
        other.rts = t;
        t = misc;
        misc = other.misc;
        other.misc = t;
        Context c = new Context();
        c.copyFrom(context);
        context.copyFrom(other.context);
        other.context.copyFrom(c);
        t = priority;
        priority = other.priority;
        other.priority = t;
        t = quantumTicks;
        quantumTicks = other.quantumTicks;
        other.quantumTicks = t;
        t = ticksLeft;
        ticksLeft = other.ticksLeft;
        other.ticksLeft = t;
        t = sendtoE;
        sendtoE = other.sendtoE;
        other.sendtoE = t;
        t = getfromE;
        getfromE = other.getfromE;
        other.getfromE = t;
        Proc q = qLink;
        qLink = other.qLink;
        other.qLink = q;
        swapMessages(sendmsg, other.sendmsg);
        swapMessages(delivermsg, other.delivermsg);
        swapMessages(kcallMsg, other.kcallMsg);
        t = delivermsgVir;
        delivermsgVir = other.delivermsgVir;
        other.delivermsgVir = t;
        for (int i = 0; i < pendingSignals.length; i++) {
            long s = pendingSignals[i];
            pendingSignals[i] = other.pendingSignals[i];
            other.pendingSignals[i] = s;
        }
        long l = userTicks;
        userTicks = other.userTicks;
        other.userTicks = l;
        l = sysTicks;
        sysTicks = other.sysTicks;
        other.sysTicks = l;
        boolean b = ownsSpace;
        ownsSpace = other.ownsSpace;
        other.ownsSpace = b;
    }

    private static void swapMessages(Message a, Message b) {
        byte[] t = a.buf.clone();
        System.arraycopy(b.buf, 0, a.buf, 0, Message.SIZE);
        System.arraycopy(t, 0, b.buf, 0, Message.SIZE);
    }

    @Override
    public String toString() {
        return name + "(" + Endpoint.name(endpoint) + ")";
    }
}
