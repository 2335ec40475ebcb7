package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBUSY;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import java.util.Arrays;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.AsyncTable;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_UPDATE (0x634): the live-update slot swap (spec 5.6). Afterwards the program image that
 * was at {@code src} runs at {@code dst}'s endpoint and the other way round, while everything
 * bound to an endpoint stays put: the endpoint itself, senders queued on it, pending
 * notifications, interrupt bits, signals and async hints, its alarm and IRQ hooks, its scheduler.
 *
 * <p>Where the spec marks MINIX's defect (5.8) Jinx does better. On rollback the DONE marks the
 * new image set in its asynsend table are merged into the old image's table before the swap, so
 * no entry is delivered twice; after every swap both priv ids' hints are set in every receiver,
 * and the image now at a table-owning endpoint has its table rescanned by the kernel (a
 * kernel-side senda_reload), so no message is stranded whatever the guest's timing.
 *
 * <p>Request (m1 layout): src endpoint @16, dst endpoint @20, flags @24 (SYS_UPD_ROLLBACK). A bad
 * endpoint: EINVAL; either not a system process: EPERM; either not updatable: EBUSY.
 */
final class UpdateCall implements KernelCall {
    @Abi(msg = "m_m1.m1i1")
    static final int SRC = Message.M1_I1;
    @Abi(msg = "m_m1.m1i2")
    static final int DST = Message.M1_I2;
    @Abi(msg = "m_m1.m1i3")
    static final int FLAGS = Message.M1_I3;
    @Abi
    static final int SYS_UPD_ROLLBACK = 0x1;

    private final Kernel kernel;
    private final AsyncTable async;

    UpdateCall(Kernel kernel) {
        this.kernel = kernel;
        this.async = new AsyncTable(kernel.memory());
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc src = kernel.procs().lookup(m.getInt(SRC));
        Proc dst = kernel.procs().lookup(m.getInt(DST));
        boolean rollback = (m.getInt(FLAGS) & SYS_UPD_ROLLBACK) != 0;
        if (src == null || dst == null || src == dst || src.isTask() || dst.isTask()) {
            return EINVAL;
        }
        if (!CallArgs.hasSystemPriv(src) || !CallArgs.hasSystemPriv(dst)) {
            return EPERM;
        }
        // A rollback aborts the frozen new image's send, so only there may src be SENDING.
        if (!(rollback ? isUpdatableAfterAbort(src) : isUpdatable(src)) || !isUpdatable(dst)) {
            return EBUSY;
        }
        inheritAllowances(src.priv(), dst.priv());
        if (rollback) {
            mergeDoneEntries(src, dst);
            abortPendingSend(src);
        }
        swapSlots(src, dst);
        rearmAsyncHints(src, dst);
        return OK;
    }

    /**
     * MINIX's proc_is_updatable, tightened: not runnable, not SENDING (its queue link would be
     * left in the wrong slot), and either held by NO_PRIV, stopped for a signal, or RECEIVING.
     */
    static boolean isUpdatable(Proc p) {
        return !p.hasRts(RtsFlag.SENDING) && isUpdatableAfterAbort(p);
    }

    private static boolean isUpdatableAfterAbort(Proc p) {
        return !p.isRunnable() && (p.hasRts(RtsFlag.NO_PRIV) || p.hasRts(RtsFlag.SIG_PENDING)
                || p.hasRts(RtsFlag.RECEIVING));
    }

    /** Step 1: dst gets src's IRQs, I/O and memory ranges and send rights (both ways) as well. */
    private void inheritAllowances(Priv from, Priv to) {
        for (int irq : from.irqs) {
            if (!to.irqs.contains(irq)) {
                to.irqs.add(irq);
            }
        }
        from.ioRanges.stream().filter(r -> to.ioRanges.stream().noneMatch(x -> Arrays.equals(x, r)))
                .forEach(r -> to.ioRanges.add(r.clone()));
        from.memRanges.stream().filter(r -> to.memRanges.stream().noneMatch(x -> Arrays.equals(x, r)))
                .forEach(r -> to.memRanges.add(r.clone()));
        long added = from.ipcTo & ~Priv.bit(to.id);
        to.ipcTo |= added;
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            Priv other = kernel.privs().get(id);
            if ((added >>> id & 1) != 0 && !other.isFree() && (other.trapMask & ~IpcCall.RECEIVE_ONLY) != 0) {
                other.ipcTo |= Priv.bit(to.id);
            }
        }
    }

    /**
     * The duplicate-free rollback (5.8 REC). src holds the new image, which may have delivered
     * entries of its copy of the table since it took over (and, having delivered them all, may
     * no longer have a table registered); dst holds the old image, whose table is about to be
     * used again. The new image is a copy of the old one, so its copy of each entry sits at the
     * same address: every old entry still pending whose copy the new image finished, with the
     * same destination and message, is finished in the old table too, with the same result.
     */
    private void mergeDoneEntries(Proc newImage, Proc oldImage) {
        Priv op = oldImage.priv();
        if (op.asyntab == -1 || op.asynsize == 0) {
            return;
        }
        AsyncTable.Entry ne = new AsyncTable.Entry();
        AsyncTable.Entry oe = new AsyncTable.Entry();
        for (int i = 0; i < op.asynsize; i++) {
            if (!async.read(oldImage.context.cr3, op.asyntab, i, oe)
                    || !async.read(newImage.context.cr3, op.asyntab, i, ne)) {
                continue;
            }
            boolean newDone = (ne.flags & AsyncTable.AMF_DONE) != 0;
            boolean oldPending = (oe.flags & AsyncTable.AMF_VALID) != 0 && (oe.flags & AsyncTable.AMF_DONE) == 0;
            if (newDone && oldPending && ne.dst == oe.dst && ne.sameMessageAs(oe)) {
                async.complete(oldImage.context.cr3, op.asyntab, i, oe.flags, ne.result);
            }
        }
    }

    /** Step 4: the frozen new image leaves the caller queue it sat in. */
    private void abortPendingSend(Proc p) {
        kernel.ipc().abortSend(p);
    }

    /** Step 5: exchange everything image-bound, in the process slots and the priv structures. */
    private static void swapSlots(Proc a, Proc b) {
        a.swapImageWith(b);
        a.priv().swapImageWith(b.priv());
    }

    /** After the swap: hints for both ids everywhere, and a kernel-side reload of owned tables. */
    private void rearmAsyncHints(Proc a, Proc b) {
        kernel.ipc().hintEveryReceiver(a.priv().id);
        kernel.ipc().hintEveryReceiver(b.priv().id);
        kernel.ipc().reloadAsync(a);
        kernel.ipc().reloadAsync(b);
    }
}
