package org.jinx.kernel.ipc;

import static org.jinx.kernel.Errno.ECALLDENIED;
import static org.jinx.kernel.Errno.EAGAIN;
import static org.jinx.kernel.Errno.EBADCALL;
import static org.jinx.kernel.Errno.EDEADSRCDST;
import static org.jinx.kernel.Errno.EDOM;
import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ELOCKED;
import static org.jinx.kernel.Errno.ENOTREADY;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.ESRCH;
import static org.jinx.kernel.Errno.ETRAPDENIED;
import static org.jinx.kernel.Errno.OK;
import static org.jinx.kernel.ipc.IpcCall.NOTIFY;
import static org.jinx.kernel.ipc.IpcCall.RECEIVE;
import static org.jinx.kernel.ipc.IpcCall.SEND;
import static org.jinx.kernel.ipc.IpcCall.SENDA;
import static org.jinx.kernel.ipc.IpcCall.SENDNB;
import static org.jinx.kernel.ipc.IpcCall.SENDREC;
import static org.jinx.kernel.proc.Endpoint.ANY;
import static org.jinx.kernel.proc.Endpoint.NONE;
import static org.jinx.kernel.proc.Endpoint.SELF;
import static org.jinx.kernel.proc.MiscFlag.CONTEXT_SET;
import static org.jinx.kernel.proc.MiscFlag.DELIVERMSG;
import static org.jinx.kernel.proc.MiscFlag.REPLY_PEND;
import static org.jinx.kernel.proc.MiscFlag.SENDING_FROM_KERNEL;
import static org.jinx.kernel.proc.MiscFlag.SIG_DELAY;
import static org.jinx.kernel.proc.RtsFlag.NO_ENDPOINT;
import static org.jinx.kernel.proc.RtsFlag.RECEIVING;
import static org.jinx.kernel.proc.RtsFlag.SENDING;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.ProcTable;
import org.jinx.mem.GuestMemory;

/**
 * All message passing, in one place as MINIX keeps it in proc.c: the IPC trap's dispatch and
 * checks, SEND, RECEIVE, SENDREC, NOTIFY, SENDNB, SENDA with the asynsend tables, deadlock
 * detection, notification delivery, and the IPC side of endpoint death. {@code minix-ipc-spec.md}
 * is the contract; section numbers in comments refer to it.
 *
 * <p>Messages reach a receiver through its delivery buffer: the kernel fills
 * {@link Proc#delivermsg}, sets DELIVERMSG, and {@link #deliverPending} copies it to the
 * receiver's buffer just before the receiver runs (1.3). Senders that block keep a kernel copy
 * of their message in {@link Proc#sendmsg}. The run queues change only through the RTS flags.
 */
public final class Ipc {
    private final ProcTable procs;
    private final PrivTable privs;
    private final GuestMemory mem;
    private final AsyncTable async;
    private final LongSupplier monotonicTicks;
    private final Consumer<String> log;
    private final AsyncTable.Entry entry = new AsyncTable.Entry();
    /** User address of the kernel-info structure; 0 until it is set up (KERNINFO then fails). */
    private int kerninfoAddr;
    /** Told when a sender stopped with RC_DELAY has finally had its message taken (SIGSNDELAY). */
    private Consumer<Proc> sendDelayHook = p -> { };

    public Ipc(ProcTable procs, PrivTable privs, GuestMemory mem, LongSupplier monotonicTicks, Consumer<String> log) {
        this.procs = procs;
        this.privs = privs;
        this.mem = mem;
        this.async = new AsyncTable(mem);
        this.monotonicTicks = monotonicTicks;
        this.log = log;
    }

    public void setKerninfoAddress(int addr) {
        kerninfoAddr = addr;
    }

    public void setSendDelayHook(Consumer<Proc> hook) {
        sendDelayHook = hook;
    }

    // ================================================================ the trap (1.2, 3.2)

    /**
     * INT 0x21 from {@code caller}: ECX = call, EAX = endpoint (SENDA: count), EBX = message
     * (SENDA: table). Returns the value for EAX. A call that blocks returns OK with the caller
     * no longer runnable; its EAX is rewritten when it is released.
     */
    public int doIpc(Proc caller, int call, int endpoint, int ptr) {
        if (!caller.isRunnable()) {
            throw new IllegalStateException(caller + " trapped while not runnable: " + caller.rts());
        }
        switch (call) {
            case SEND, RECEIVE, SENDREC, NOTIFY, SENDNB:
                return doSyncIpc(caller, call, endpoint, ptr);
            case SENDA:
                // The count is an unsigned size: a negative EAX is a huge count.
                if (Integer.compareUnsigned(endpoint, IpcCall.MAX_SENDA_ENTRIES) > 0) {
                    return EDOM;
                }
                return miniSenda(caller, ptr, endpoint);
            case IpcCall.MINIX_KERNINFO:
                if (kerninfoAddr == 0) {
                    return EBADCALL;
                }
                caller.context.ebx = kerninfoAddr;
                return OK;
            default:
                return EBADCALL;
        }
    }

    /** The synchronous calls: the checks in the order of 3.2, then the call. */
    private int doSyncIpc(Proc caller, int call, int endpoint, int ptr) {
        Proc peer = null;
        if (endpoint == ANY) {
            if (call != RECEIVE) {
                return EINVAL;
            }
        } else {
            peer = procs.lookup(endpoint);
            if (peer == null) {
                return EDEADSRCDST;
            }
        }
        if (call != RECEIVE && !maySendTo(caller, peer)) {
            return ECALLDENIED;
        }
        if (!caller.priv().mayTrap(call)) {
            return ETRAPDENIED;
        }
        // Kernel tasks never receive. MINIX lets SENDREC through here and the caller then
        // waits for ever; the spec's REC refuses it like the other sends.
        if (peer != null && peer.isTask() && call != RECEIVE) {
            return ETRAPDENIED;
        }
        switch (call) {
            case SENDREC: {
                // Set before the send so that no notification can slip in as the reply (3.6).
                caller.setMisc(REPLY_PEND);
                int r = miniSend(caller, peer, ptr, false);
                if (r != OK) {
                    return r;
                }
                return miniReceive(caller, endpoint, ptr);
            }
            case SEND:
                return miniSend(caller, peer, ptr, false);
            case SENDNB:
                return miniSend(caller, peer, ptr, true);
            case RECEIVE:
                caller.clearMisc(REPLY_PEND);
                caller.context.ebx = 0;
                return miniReceive(caller, endpoint, ptr);
            default:
                return miniNotify(caller, peer);
        }
    }

    // ================================================================ SEND, SENDNB (3.3, 3.4)

    private int miniSend(Proc caller, Proc dst, int ptr, boolean nonBlocking) {
        if (dst.hasRts(NO_ENDPOINT)) {
            return EDEADSRCDST;
        }
        int self = caller.endpoint();
        if (willReceive(dst, self) && filterAllowsUserMessage(dst, caller, ptr)) {
            checkNoDeliveryPending(dst);
            // Straight into the receiver's delivery buffer; a failed copy leaves it untouched
            // and the receiver still waiting.
            if (!copyMessageIn(caller, ptr, dst.delivermsg)) {
                return EFAULT;
            }
            dst.delivermsg.setSource(self);
            int call = caller.hasMisc(REPLY_PEND) ? SENDREC : nonBlocking ? SENDNB : SEND;
            deliver(dst, call, 0);
            dst.clearRts(RECEIVING);
            return OK;
        }
        if (nonBlocking) {
            return ENOTREADY;
        }
        if (deadlock(SEND, caller, dst.endpoint())) {
            return ELOCKED;
        }
        if (!copyMessageIn(caller, ptr, caller.sendmsg)) {
            return EFAULT;
        }
        caller.sendmsg.setSource(self);
        caller.sendtoE = dst.endpoint();
        caller.setRts(SENDING);
        appendToCallerQueue(dst, caller);
        return OK;
    }

    /**
     * A message the kernel sends on {@code from}'s behalf (MINIX mini_send with FROM_KERNEL),
     * such as SCHEDULING_NO_QUANTUM to a process's scheduler: delivered at once if dst waits
     * for it, otherwise queued in dst's caller queue as if {@code from} had sent it, marked so
     * that the receiver's status carries IPC_FLG_MSG_FROM_KERNEL. No masks apply.
     */
    public void sendFromKernel(Proc from, Proc dst, Message m) {
        m.setSource(from.endpoint());
        if (willReceive(dst, from.endpoint()) && filterAllows(dst, from, m.type())) {
            checkNoDeliveryPending(dst);
            dst.delivermsg.copyFrom(m);
            deliver(dst, SEND, IpcCall.FLG_MSG_FROM_KERNEL);
            dst.clearRts(RECEIVING);
            return;
        }
        from.sendmsg.copyFrom(m);
        from.sendtoE = dst.endpoint();
        from.setMisc(SENDING_FROM_KERNEL);
        from.setRts(SENDING);
        appendToCallerQueue(dst, from);
    }

    /**
     * Takes a blocked sender out of its destination's caller queue without delivering (SYS_UPDATE
     * rollback, spec 5.6 step 4): its message is dropped and SENDING is cleared.
     */
    public void abortSend(Proc p) {
        if (!p.hasRts(SENDING)) {
            return;
        }
        Proc target = procs.lookup(p.sendtoE);
        if (target != null) {
            unlinkFromCallerQueue(target, p);
        }
        p.sendtoE = NONE;
        p.clearMisc(SENDING_FROM_KERNEL);
        p.clearRts(SENDING);
    }

    // ================================================================ RECEIVE (3.5)

    private int miniReceive(Proc caller, int srcE, int ptr) {
        caller.delivermsgVir = ptr;
        Proc src = null;
        if (srcE != ANY) {
            src = procs.lookup(srcE);
            if (src == null || src.hasRts(NO_ENDPOINT)) {
                return EDEADSRCDST;
            }
        }
        // A SENDREC whose send is still queued only marks itself receiving as well.
        if (!caller.hasRts(SENDING)) {
            checkNoDeliveryPending(caller);
            if (!caller.hasMisc(REPLY_PEND) && receiveNotification(caller, src)) {
                return OK;
            }
            if (caller.priv().asynPending != 0 && receiveAsync(caller, src)) {
                return OK;
            }
            if (receiveQueued(caller, srcE)) {
                return OK;
            }
        }
        if (srcE != ANY && deadlock(RECEIVE, caller, srcE)) {
            return ELOCKED;
        }
        caller.getfromE = srcE;
        caller.setRts(RECEIVING);
        return OK;
    }

    /** Step 1: the lowest pending priv id that the wanted source and the filters accept. */
    private boolean receiveNotification(Proc caller, Proc src) {
        Priv cp = caller.priv();
        long pending = cp.notifyPending;
        if (src != null) {
            pending &= src.priv() == null ? 0 : Priv.bit(src.priv().id);
        }
        while (pending != 0) {
            int id = Long.numberOfTrailingZeros(pending);
            pending &= pending - 1;
            Proc sender = owner(id);
            if (sender == null) {
                cp.notifyPending &= ~Priv.bit(id); // the sender is gone; its bit is stale
                continue;
            }
            if (!filterAllows(caller, sender, Message.NOTIFY_MESSAGE)) {
                continue;
            }
            cp.notifyPending &= ~Priv.bit(id);
            buildNotify(caller.delivermsg, sender, caller);
            deliver(caller, NOTIFY, 0);
            return true;
        }
        return false;
    }

    /** Step 2: one attempt on the wanted sender's table, or on every marked table for ANY. */
    private boolean receiveAsync(Proc caller, Proc src) {
        if (src == null) {
            return tryAsync(caller) == OK;
        }
        Priv sp = src.priv();
        if (sp == null || (caller.priv().asynPending & Priv.bit(sp.id)) == 0) {
            return false;
        }
        return tryOne(src.endpoint(), src, caller) == OK;
    }

    /** Step 3: the first queued sender that matches, in FIFO order. */
    private boolean receiveQueued(Proc caller, int srcE) {
        Proc prev = null;
        for (Proc s = caller.callerQ; s != null; prev = s, s = s.qLink) {
            if (srcE != ANY && s.endpoint() != srcE) {
                continue;
            }
            if (!filterAllows(caller, s, s.sendmsg.type())) {
                continue;
            }
            if (prev == null) {
                caller.callerQ = s.qLink;
            } else {
                prev.qLink = s.qLink;
            }
            s.qLink = null;
            caller.delivermsg.copyFrom(s.sendmsg);
            int flags = s.hasMisc(SENDING_FROM_KERNEL) ? IpcCall.FLG_MSG_FROM_KERNEL : 0;
            s.clearMisc(SENDING_FROM_KERNEL);
            deliver(caller, s.hasMisc(REPLY_PEND) ? SENDREC : SEND, flags);
            // A SENDREC stays RECEIVING; a plain sender runs again with the OK it already holds.
            s.sendtoE = NONE;
            s.clearRts(SENDING);
            if (s.hasMisc(SIG_DELAY)) {
                // SYS_RUNCTL RC_DELAY stopped it mid-send: now its manager may have it.
                s.clearMisc(SIG_DELAY);
                sendDelayHook.accept(s);
            }
            return true;
        }
        return false;
    }

    // ================================================================ NOTIFY (3.7)

    private int miniNotify(Proc caller, Proc dst) {
        notify(caller, dst);
        return OK;
    }

    /**
     * Sends a notification from {@code src} (a process or a kernel task) to {@code dst}: at
     * once if dst waits for it and is not in a SENDREC reply phase, otherwise as a pending bit
     * that coalesces with any already there. Kernel-originated notifications skip every mask.
     */
    public void notify(Proc src, Proc dst) {
        Priv dp = dst.priv();
        if (dp == null) {
            log.accept("notify from " + src + " to " + dst + ", which has no privileges: dropped");
            return;
        }
        if (willReceive(dst, src.endpoint()) && !dst.hasMisc(REPLY_PEND)
                && filterAllows(dst, src, Message.NOTIFY_MESSAGE)) {
            checkNoDeliveryPending(dst);
            buildNotify(dst.delivermsg, src, dst);
            deliver(dst, NOTIFY, 0);
            dst.clearRts(RECEIVING);
            return;
        }
        dp.notifyPending |= Priv.bit(src.priv().id);
    }

    /** A notification from kernel task {@code taskEndpoint} (CLOCK, SYSTEM, HARDWARE, ASYNCM). */
    public void notifyFromTask(int taskEndpoint, Proc dst) {
        notify(procs.slot(taskEndpoint), dst);
    }

    /** An interrupt for a driver's hook: the bit accumulates until the HARDWARE notify is read (6.3). */
    public void notifyInterrupt(Proc dst, int notifyId) {
        if (dst.priv() == null || notifyId < 0 || notifyId > 31) {
            throw new IllegalArgumentException("IRQ notify id " + notifyId + " for " + dst);
        }
        dst.priv().intPending |= 1 << notifyId;
        notifyFromTask(Endpoint.HARDWARE, dst);
    }

    /** A system signal for a process that handles its own (6.4): accumulates until SYSTEM's notify is read. */
    public void notifySignal(Proc dst, int sig) {
        dst.priv().addSigPending(sig);
        notifyFromTask(Endpoint.SYSTEM, dst);
    }

    /**
     * The NOTIFY_MESSAGE as delivered: zeroes, the type, a timestamp, and for HARDWARE and
     * SYSTEM the accumulated IRQ bits or signals, which are consumed here.
     */
    private void buildNotify(Message m, Proc src, Proc dst) {
        m.clear();
        m.setType(Message.NOTIFY_MESSAGE);
        m.setLong(Message.NOTIFY_TIMESTAMP, monotonicTicks.getAsLong());
        Priv dp = dst.priv();
        if (src.endpoint() == Endpoint.HARDWARE) {
            m.setLong(Message.NOTIFY_INTERRUPTS, dp.intPending & 0xFFFFFFFFL);
            dp.intPending = 0;
        } else if (src.endpoint() == Endpoint.SYSTEM) {
            m.setLong(Message.NOTIFY_SIGSET, dp.sigPending[0]);
            m.setLong(Message.NOTIFY_SIGSET + 8, dp.sigPending[1]);
            dp.sigPending[0] = 0;
            dp.sigPending[1] = 0;
        }
        m.setSource(src.endpoint());
    }

    // ================================================================ SENDA (4.3)

    private int miniSenda(Proc caller, int table, int size) {
        Priv sp = caller.priv();
        if (!sp.isSysProc()) {
            return EPERM;
        }
        // Registration starts afresh on every call: senda(NULL, 0) unregisters.
        sp.unregisterAsyncTable();
        sp.asynendpoint = caller.endpoint();
        if (size == 0) {
            return OK;
        }
        int space = caller.context.cr3;
        boolean doNotify = false;
        boolean pending = false;
        int unreadable = 0;
        int invalid = 0;
        AsyncTable.Entry e = entry;
        // A table mostly holds runs of messages to one receiver: its lookup and the send right
        // cannot change during the scan, so they are worked out once per run.
        int lastTo = 0;
        Proc lastDst = null;
        boolean lastMaySend = false;
        boolean looked = false;
        async.beginScan(space, table, size);
        for (int i = 0; i < size; i++) {
            if (!async.read(space, table, i, e)) {
                unreadable++;
                continue;
            }
            if (e.flags == AsyncTable.AMF_EMPTY) {
                continue;
            }
            if (!AsyncTable.isValid(e.flags)) {
                invalid++;
                continue;
            }
            if ((e.flags & AsyncTable.AMF_DONE) != 0) {
                continue;
            }
            int to = e.dst == SELF ? caller.endpoint() : e.dst;
            if (!looked || to != lastTo) {
                lastDst = procs.lookup(to);
                lastMaySend = lastDst != null && (lastDst == caller || maySendTo(caller, lastDst));
                lastTo = to;
                looked = true;
            }
            Proc dst = lastDst;
            int r;
            if (dst == null) {
                r = EDEADSRCDST;
            } else if (dst.isTask()) {
                r = ECALLDENIED;
            } else if (!lastMaySend) {
                r = ECALLDENIED;
            } else if (dst.hasRts(NO_ENDPOINT)) {
                r = EDEADSRCDST;
            } else if (canTakeAsync(dst, caller, e)) {
                checkNoDeliveryPending(dst);
                e.copyMessageTo(dst.delivermsg);
                dst.delivermsg.setSource(caller.endpoint());
                deliver(dst, SENDA, 0);
                dst.clearRts(RECEIVING);
                r = OK;
            } else {
                // Not ready: leave the entry alone and tell dst where to look (the hint).
                dst.priv().asynPending |= Priv.bit(sp.id);
                pending = true;
                continue;
            }
            async.complete(space, table, i, e.flags, r);
            doNotify |= AsyncTable.wantsNotify(e.flags, r);
        }
        async.endScan();
        if (unreadable + invalid > 0) {
            log.accept("senda from " + caller + ": skipped " + unreadable + " unreadable and " + invalid
                    + " invalid entries of " + size);
        }
        if (doNotify) {
            notifyFromTask(Endpoint.ASYNCM, caller);
        }
        if (pending) {
            sp.asyntab = table;
            sp.asynsize = size;
        }
        return OK;
    }

    /**
     * A senda_reload done by the kernel on {@code p}'s behalf (MINIX does this when VM lifts
     * VMINHIBIT, spec 4.7): if p's table is registered under its current endpoint, every pending
     * entry is retried for direct delivery and the hints are set again for the rest.
     */
    public void reloadAsync(Proc p) {
        Priv sp = p.priv();
        if (sp == null || !sp.isSysProc() || sp.asynsize == 0 || sp.asynendpoint != p.endpoint()) {
            return;
        }
        miniSenda(p, sp.asyntab, sp.asynsize);
    }

    /**
     * Sets priv id {@code senderId}'s hint bit in every system process's s_asyn_pending. A
     * spurious bit costs one rescan (try_one clears it); a missing one can strand a message
     * (spec 5.8), so after a slot swap the kernel sets them all.
     */
    public void hintEveryReceiver(int senderId) {
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            Priv rp = privs.get(id);
            if (!rp.isFree() && rp.isSysProc() && id != senderId) {
                rp.asynPending |= Priv.bit(senderId);
            }
        }
    }

    /** A receiver takes an entry now if it waits for the sender, its filters pass, and NOREPLY allows. */
    private boolean canTakeAsync(Proc dst, Proc sender, AsyncTable.Entry e) {
        return willReceive(dst, sender.endpoint()) && filterAllows(dst, sender, e.msgType())
                && !((e.flags & AsyncTable.AMF_NOREPLY) != 0 && dst.hasMisc(REPLY_PEND));
    }

    // ================================================================ try_async, try_one (4.4)

    /** RECEIVE(ANY): every marked sender's table in ascending priv id, until one delivers. */
    private int tryAsync(Proc caller) {
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            if ((caller.priv().asynPending & Priv.bit(id)) == 0) {
                continue;
            }
            Proc src = owner(id);
            if (src == null) {
                continue;
            }
            if (tryOne(ANY, src, caller) == OK) {
                return OK;
            }
        }
        return ESRCH;
    }

    /**
     * Delivers at most one entry of {@code src}'s table to receiver {@code dst}, the first in
     * table order that dst accepts. The hint bit is cleared first and set again whenever the
     * table still holds unfinished entries.
     *
     * <p>Two deliberate differences from MINIX, both from the spec's rule that a hint may be
     * spurious but must never be lost while a deliverable entry exists: an invalid entry is
     * completed with EINVAL and the scan goes on (MINIX stops there), and an unreadable entry
     * is skipped as unfinished (MINIX returns EFAULT with the bit cleared). Either way a later
     * entry for dst cannot be stranded behind a bad one.
     */
    private int tryOne(int wanted, Proc src, Proc dst) {
        Priv sp = src.priv();
        Priv dp = dst.priv();
        if (!sp.isSysProc()) {
            return EPERM;
        }
        dp.asynPending &= ~Priv.bit(sp.id);
        if (sp.asynsize == 0 || sp.asynendpoint != src.endpoint()) {
            // No table, or one registered by an earlier owner of this image (after a slot swap).
            return EAGAIN;
        }
        if (src != dst && !maySendTo(src, dst)) {
            return ECALLDENIED;
        }
        int space = src.context.cr3;
        boolean done = true;
        boolean doNotify = false;
        int r = ESRCH;
        AsyncTable.Entry e = entry;
        async.beginScan(space, sp.asyntab, sp.asynsize);
        for (int i = 0; i < sp.asynsize; i++) {
            // Most of a busy table is finished entries: their flags say all there is to know.
            long f = async.copiedFlags(space, sp.asyntab, i);
            if (f == AsyncTable.AMF_EMPTY || f != GuestMemory.FAULT && (f & AsyncTable.AMF_DONE) != 0) {
                continue;
            }
            if (!async.read(space, sp.asyntab, i, e)) {
                done = false;
                continue;
            }
            if (e.flags == AsyncTable.AMF_EMPTY || (e.flags & AsyncTable.AMF_DONE) != 0) {
                continue;
            }
            done = false;
            if (!AsyncTable.isValid(e.flags)) {
                async.complete(space, sp.asyntab, i, e.flags, EINVAL);
                doNotify |= AsyncTable.wantsNotify(e.flags, EINVAL);
                continue;
            }
            int to = e.dst == SELF ? src.endpoint() : e.dst;
            if (to != dst.endpoint() || wanted != ANY && wanted != src.endpoint()) {
                continue;
            }
            if (!filterAllows(dst, src, e.msgType())) {
                continue;
            }
            if ((e.flags & AsyncTable.AMF_NOREPLY) != 0 && dst.hasMisc(REPLY_PEND)) {
                continue;
            }
            e.copyMessageTo(dst.delivermsg);
            dst.delivermsg.setSource(src.endpoint());
            deliver(dst, SENDA, 0);
            async.complete(space, sp.asyntab, i, e.flags, OK);
            doNotify |= AsyncTable.wantsNotify(e.flags, OK);
            r = OK;
            break;
        }
        async.endScan();
        if (doNotify) {
            notifyFromTask(Endpoint.ASYNCM, src);
        }
        if (done) {
            sp.unregisterAsyncTable();
        } else {
            dp.asynPending |= Priv.bit(sp.id);
        }
        return r;
    }

    // ================================================================ cancel_async (4.5)

    /** Completes every entry of sender S addressed to dying receiver R with EDEADSRCDST. */
    private void cancelAsync(Proc s, Proc r) {
        Priv sp = s.priv();
        int table = sp.asyntab;
        int size = sp.asynsize;
        sp.unregisterAsyncTable();
        r.priv().asynPending &= ~Priv.bit(sp.id);
        if (size == 0) {
            return;
        }
        // MINIX quirk kept: with no send right the table stays unregistered.
        if (!maySendTo(s, r)) {
            return;
        }
        int space = s.context.cr3;
        boolean done = true;
        boolean doNotify = false;
        AsyncTable.Entry e = entry;
        async.beginScan(space, table, size);
        for (int i = 0; i < size; i++) {
            if (!async.read(space, table, i, e)) {
                done = false;
                continue;
            }
            if (e.flags == AsyncTable.AMF_EMPTY || (e.flags & AsyncTable.AMF_DONE) != 0) {
                continue;
            }
            int to = e.dst == SELF ? s.endpoint() : e.dst;
            if (to != r.endpoint()) {
                done = false;
                continue;
            }
            int result = AsyncTable.isValid(e.flags) ? EDEADSRCDST : EINVAL;
            async.complete(space, table, i, e.flags, result);
            doNotify |= AsyncTable.wantsNotify(e.flags, result);
        }
        async.endScan();
        if (doNotify) {
            notifyFromTask(Endpoint.ASYNCM, s);
        }
        if (!done) {
            sp.asyntab = table;
            sp.asynsize = size;
        }
    }

    // ================================================================ endpoint death (3.10)

    /**
     * The IPC part of SYS_CLEAR for dying process X: it stops being an endpoint, leaves any
     * caller queue, drops its own async messages, and everything waiting on it is released
     * with EDEADSRCDST. Freeing the slot and priv is the caller's job.
     */
    public void clearEndpoint(Proc x) {
        x.setRts(NO_ENDPOINT);
        Priv xp = x.priv();
        if (xp != null && xp.isSysProc()) {
            xp.asynsize = 0; // its own outgoing async messages vanish, with no notification
        }
        if (x.hasRts(SENDING)) {
            Proc target = procs.lookup(x.sendtoE);
            if (target != null) {
                unlinkFromCallerQueue(target, x);
            }
        }
        x.clearRts(SENDING);
        x.clearRts(RECEIVING);
        x.clearMisc(DELIVERMSG);
        clearIpcRefs(x);
    }

    /**
     * Steps 3 and 4 of 3.10 (also privctl and statectl CLEAR_IPC_REFS): cancels async messages
     * to X, clears X's bits in everybody's pending maps, and releases every process blocked on
     * X with EDEADSRCDST. Processes in receive(ANY) are not touched.
     */
    public void clearIpcRefs(Proc x) {
        Priv xp = x.priv();
        if (xp != null) {
            long senders = xp.asynPending;
            while (senders != 0) {
                int id = Long.numberOfTrailingZeros(senders);
                senders &= senders - 1;
                Proc s = owner(id);
                if (s != null && s.priv() != null) {
                    cancelAsync(s, x);
                }
            }
        }
        int xe = x.endpoint();
        for (Proc p : procs.live()) {
            if (xp != null && p.priv() != null) {
                p.priv().notifyPending &= ~Priv.bit(xp.id);
                p.priv().asynPending &= ~Priv.bit(xp.id);
            }
            if (p != x && p.blockedOn() == xe) {
                if (p.hasRts(SENDING)) {
                    unlinkFromCallerQueue(x, p);
                }
                p.context.eax = EDEADSRCDST;
                p.sendtoE = NONE;
                p.getfromE = NONE;
                p.clearRts(SENDING);
                p.clearRts(RECEIVING);
            }
        }
    }

    // ================================================================ delivery (1.3)

    /**
     * Copies a waiting message to the receiver's buffer; called just before the process runs.
     * Returns false if the buffer is not writable, which the kernel turns into a signal.
     */
    public boolean deliverPending(Proc p) {
        if (!p.hasMisc(DELIVERMSG)) {
            return true;
        }
        if (!mem.copyOut(p.context.cr3, p.delivermsgVir, p.delivermsg.buf, 0, Message.SIZE).ok()) {
            p.clearMisc(DELIVERMSG);
            return false;
        }
        p.clearMisc(DELIVERMSG);
        if (!p.hasMisc(CONTEXT_SET)) {
            p.context.eax = OK;
        }
        return true;
    }

    /** Marks a message as placed in r's delivery buffer and records the status (1.2). */
    private static void deliver(Proc r, int call, int flags) {
        r.setMisc(DELIVERMSG);
        // The reply of a SENDREC carries no status, so EBX survives the call.
        if (!r.hasMisc(REPLY_PEND)) {
            r.context.ebx |= call | flags;
        }
        r.clearMisc(REPLY_PEND);
    }

    // ================================================================ deadlock (3.8)

    /**
     * True if blocking {@code caller} on {@code peerE} would close a cycle of blocked
     * processes. A cycle of two is fine when it is the rendezvous itself: a SEND to a process
     * that is receiving, or a RECEIVE from one that is sending.
     */
    private boolean deadlock(int function, Proc caller, int peerE) {
        int groupSize = 1;
        int e = peerE;
        // Cycles never form, so the chain is short; the bound only guards against a kernel bug.
        for (int hops = 0; e != ANY && hops <= Endpoint.NR_TASKS + Endpoint.NR_PROCS; hops++) {
            Proc xp = procs.lookup(e);
            if (xp == null) {
                return false;
            }
            groupSize++;
            e = xp.blockedOn();
            if (e == NONE) {
                return false;
            }
            if (e == caller.endpoint()) {
                boolean rendezvous = function == SEND ? !xp.hasRts(SENDING) : xp.hasRts(SENDING);
                return !(groupSize == 2 && rendezvous);
            }
        }
        return false;
    }

    // ================================================================ helpers

    /** dst is receiving, not also sending, and wants a message from src. */
    private static boolean willReceive(Proc dst, int srcE) {
        return dst.hasRts(RECEIVING) && !dst.hasRts(SENDING) && (dst.getfromE == ANY || dst.getfromE == srcE);
    }

    /** s_ipc_to of the sender holds the receiver's priv id. */
    private static boolean maySendTo(Proc from, Proc to) {
        return from.priv() != null && to.priv() != null && from.priv().maySendTo(to.priv().id);
    }

    private boolean filterAllows(Proc receiver, Proc sender, int type) {
        Priv rp = receiver.priv();
        if (rp == null || rp.filters.isEmpty()) {
            return true;
        }
        IpcFilter.SourceKind kind = sender.isTask() ? IpcFilter.SourceKind.TASK
                : sender.priv() != null && sender.priv().isSysProc() ? IpcFilter.SourceKind.SYSTEM
                : IpcFilter.SourceKind.USER;
        return IpcFilter.allows(rp.filters, sender.endpoint(), kind, type);
    }

    /**
     * The filter check for a message still in the sender's memory: m_type is read from there
     * (3.9). If it cannot be read the message is let through; the copy that follows then fails
     * with EFAULT, which is the error the sender should see.
     */
    private boolean filterAllowsUserMessage(Proc receiver, Proc sender, int ptr) {
        Priv rp = receiver.priv();
        if (rp == null || rp.filters.isEmpty()) {
            return true;
        }
        long t = mem.read32(sender.context.cr3, ptr + Message.TYPE);
        return t == GuestMemory.FAULT || filterAllows(receiver, sender, (int) t);
    }

    private boolean copyMessageIn(Proc sender, int ptr, Message into) {
        return mem.copyIn(sender.context.cr3, ptr, into.buf, 0, Message.SIZE).ok();
    }

    /** The live process holding priv id {@code id}, or null. */
    private Proc owner(int id) {
        Priv p = privs.get(id);
        if (p.isFree()) {
            return null;
        }
        Proc proc = procs.slot(p.procNr);
        return proc.isFree() || proc.priv() != p ? null : proc;
    }

    private static void appendToCallerQueue(Proc dst, Proc sender) {
        sender.qLink = null;
        if (dst.callerQ == null) {
            dst.callerQ = sender;
            return;
        }
        Proc q = dst.callerQ;
        while (q.qLink != null) {
            q = q.qLink;
        }
        q.qLink = sender;
    }

    private static void unlinkFromCallerQueue(Proc dst, Proc sender) {
        Proc prev = null;
        for (Proc q = dst.callerQ; q != null; prev = q, q = q.qLink) {
            if (q == sender) {
                if (prev == null) {
                    dst.callerQ = q.qLink;
                } else {
                    prev.qLink = q.qLink;
                }
                q.qLink = null;
                return;
            }
        }
    }

    /** A receiver can hold one undelivered message at most; a second would overwrite it. */
    private static void checkNoDeliveryPending(Proc p) {
        if (p.hasMisc(DELIVERMSG)) {
            throw new IllegalStateException(p + " already has a message awaiting delivery");
        }
    }
}
