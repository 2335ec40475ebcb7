package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.AsyncTable;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/**
 * SYS_UPDATE, the live-update slot swap, and the scenarios of spec 7 that live in the kernel:
 * 36-43 and 49. E is the endpoint being updated (the old instance), T the new instance's
 * temporary endpoint, RS the orchestrator that calls SYS_UPDATE (as VM would).
 */
class UpdateCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc rs = rig.sys("rs");
    private final Proc e = rig.sys("svc");        // old instance at E
    private final Proc t = newInstance();           // new instance at T, held by NO_PRIV
    private final int eEndpoint = e.endpoint();
    private final int tEndpoint = t.endpoint();
    private final int oldImage = e.context.cr3;
    private final int newImage = t.context.cr3;

    private Proc newInstance() {
        Proc p = rig.sys("svc.new");
        p.setRts(RtsFlag.NO_PRIV);
        return p;
    }

    private int update(int src, int dst, int flags) {
        return rig.kcall(rs, PagedKernelRig.request(SystemTask.SYS_UPDATE, UpdateCall.SRC, src, UpdateCall.DST, dst,
                UpdateCall.FLAGS, flags)).type();
    }

    /** The old instance reaches prepare-done: it SENDRECs RS, which takes the request. */
    private void oldInstanceWaitsForRs() {
        rig.receive(rs, Endpoint.ANY);
        rig.sendrec(e, rs, 77);
        rig.delivered(rs);
        assertThat(e.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(e.hasMisc(MiscFlag.REPLY_PEND)).isTrue();
    }

    private Proc at(int endpoint) {
        return rig.kernel.procs().lookup(endpoint);
    }

    /** State transfer: the new image copies the old image's asynsend table (it is in its data). */
    private void copyTableFromOldToNew() {
        byte[] table = new byte[4 * AsyncTable.ENTRY_SIZE];
        rig.read(t, PagedKernelRig.TABLE, table);     // the old image, now at T
        rig.write(e, PagedKernelRig.TABLE, table);    // the new image, now at E
    }

    // ---------------------------------------------------------------- 36

    @Test
    void runnableOrSendingIsBusyAUserIsRefusedABadEndpointIsInvalid() {
        assertThat(update(eEndpoint, tEndpoint, 0)).as("E runnable").isEqualTo(Errno.EBUSY);
        Proc s = rig.sys("s");
        rig.send(e, s, 1);
        assertThat(update(eEndpoint, tEndpoint, 0)).as("E sending").isEqualTo(Errno.EBUSY);
        Proc u = rig.user("u");
        u.setRts(RtsFlag.P_STOP);
        assertThat(update(u.endpoint(), tEndpoint, 0)).isEqualTo(Errno.EPERM);
        assertThat(update(Endpoint.NONE, tEndpoint, 0)).isEqualTo(Errno.EINVAL);
        assertThat(update(eEndpoint, eEndpoint, 0)).isEqualTo(Errno.EINVAL);
    }

    // ---------------------------------------------------------------- 37, 38

    @Test
    void forwardSwapMovesTheImagesAndLeavesEverythingBoundToTheEndpoints() {
        Proc c = rig.sys("c");
        Proc x = rig.sys("x");
        oldInstanceWaitsForRs();
        rig.send(c, e, 5);                               // a sender queued on E
        rig.notify(x, eEndpoint);                        // a pending notification for E
        e.priv().intPending = 0x4;
        rig.kernel.clock().setAlarm(e.priv().id, 1000);
        rig.kernel.irqHooks().setPolicy(eEndpoint, 5, 0, 2);
        long notify = e.priv().notifyPending;
        long asyn = e.priv().asynPending;

        assertThat(update(eEndpoint, tEndpoint, 0)).isEqualTo(Errno.OK);

        assertThat(at(eEndpoint)).isSameAs(e);
        assertThat(e.context.cr3).as("the new image runs at E").isEqualTo(newImage);
        assertThat(t.context.cr3).isEqualTo(oldImage);
        assertThat(e.callerQ).isSameAs(c);
        assertThat(e.priv().notifyPending).isEqualTo(notify);
        assertThat(e.priv().asynPending & asyn).isEqualTo(asyn);
        assertThat(e.priv().intPending).isEqualTo(0x4);
        assertThat(rig.kernel.clock().timeLeft(e.priv().id)).isEqualTo(1000);
        assertThat(rig.kernel.irqHooks().hook(0).owner()).isEqualTo(eEndpoint);
        assertThat(e.hasRts(RtsFlag.NO_PRIV)).as("the new image waits for RS").isTrue();
        assertThat(t.hasRts(RtsFlag.RECEIVING)).as("the old image still waits for RS's answer").isTrue();
        assertThat(t.getfromE).isEqualTo(rs.endpoint());
        assertThat(t.hasMisc(MiscFlag.REPLY_PEND)).isTrue();
        assertThat(e.name()).isEqualTo("svc.new");
    }

    @Test
    void sendersQueuedOnTheEndpointReachTheNewInstanceInTheirOrder() {
        Proc a = rig.sys("a");
        Proc c = rig.sys("c");
        oldInstanceWaitsForRs();
        rig.send(a, e, 1);
        rig.send(c, e, 2);
        update(eEndpoint, tEndpoint, 0);
        rig.kernel.allow(e);
        rig.receive(e, Endpoint.ANY);
        assertThat(rig.delivered(e).getInt(PagedKernelRig.TAG)).isEqualTo(1);
        rig.receive(e, Endpoint.ANY);
        assertThat(rig.delivered(e).getInt(PagedKernelRig.TAG)).isEqualTo(2);
    }

    // ---------------------------------------------------------------- 39, 40, 41

    /** The old instance has an async message for R, who is busy. */
    private Proc pendingAsyncForBusyReceiver() {
        Proc r = rig.sys("r");
        rig.asyncEntry(e, 0, AsyncTable.AMF_VALID, r.endpoint(), 0x300, 39);
        assertThat(rig.senda(e, 1)).isEqualTo(Errno.OK);
        assertThat(r.priv().asynPending & Priv.bit(e.priv().id)).isNotZero();
        return r;
    }

    @Test
    void forwardRaceAReceiverBeforeTheNewInstancesReloadWaitsThenGetsTheMessageOnce() {
        Proc r = pendingAsyncForBusyReceiver();
        oldInstanceWaitsForRs();
        update(eEndpoint, tEndpoint, 0);
        rig.receive(r, Endpoint.ANY);
        assertThat(r.hasRts(RtsFlag.RECEIVING)).as("nothing yet: the new image has no table").isTrue();
        rig.kernel.allow(e);
        copyTableFromOldToNew();
        assertThat(rig.senda(e, 1)).isEqualTo(Errno.OK); // the new instance's senda_reload
        assertThat(r.hasRts(RtsFlag.RECEIVING)).isFalse();
        Message m = rig.delivered(r);
        assertThat(m.getInt(PagedKernelRig.TAG)).isEqualTo(39);
        assertThat(m.source()).isEqualTo(eEndpoint);
        rig.receive(r, Endpoint.ANY);
        assertThat(r.hasRts(RtsFlag.RECEIVING)).as("exactly once").isTrue();
    }

    @Test
    void rollbackBeforeTheNewInstancesReloadDeliversTheOldInstancesMessageWithoutItsHelp() {
        Proc r = pendingAsyncForBusyReceiver();
        oldInstanceWaitsForRs();
        update(eEndpoint, tEndpoint, 0);
        rig.receive(r, Endpoint.ANY);                    // the hint is lost here (spec 5.8 case 1)
        // The new instance crashes before its senda_reload; RS freezes it and rolls back.
        assertThat(update(eEndpoint, tEndpoint, UpdateCall.SYS_UPD_ROLLBACK)).isEqualTo(Errno.OK);
        assertThat(e.context.cr3).isEqualTo(oldImage);
        // MINIX would leave R waiting until the old instance's own senda_reload; Jinx's kernel
        // rescans the table the old image owns again, at once.
        assertThat(r.hasRts(RtsFlag.RECEIVING)).isFalse();
        assertThat(rig.delivered(r).getInt(PagedKernelRig.TAG)).isEqualTo(39);
        // The SEF senda_reload that follows delivers nothing twice.
        e.clearRts(RtsFlag.RECEIVING);
        rig.receive(r, Endpoint.ANY);
        assertThat(rig.senda(e, 1)).isEqualTo(Errno.OK);
        assertThat(r.hasRts(RtsFlag.RECEIVING)).isTrue();
    }

    @Test
    void rollbackAfterTheNewInstanceDeliveredAnEntryDoesNotDeliverItAgain() {
        Proc r = pendingAsyncForBusyReceiver();
        oldInstanceWaitsForRs();
        update(eEndpoint, tEndpoint, 0);
        rig.kernel.allow(e);
        copyTableFromOldToNew();
        rig.receive(r, Endpoint.ANY);
        rig.senda(e, 1);                                 // the new instance's reload delivers entry 0
        assertThat(rig.delivered(r).getInt(PagedKernelRig.TAG)).isEqualTo(39);
        rig.receive(r, Endpoint.ANY);
        // Init fails: RS freezes the new instance and rolls back.
        e.setRts(RtsFlag.NO_PRIV);
        assertThat(update(eEndpoint, tEndpoint, UpdateCall.SYS_UPD_ROLLBACK)).isEqualTo(Errno.OK);
        // Shipped MINIX re-delivers entry 0 from the old table here (spec 7.41); Jinx does not.
        assertThat(r.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(rig.entryFlags(e, 0) & AsyncTable.AMF_DONE).as("marked done in the old table").isNotZero();
    }

    // ---------------------------------------------------------------- 42

    @Test
    void rollbackTakesTheFrozenNewImageOutOfTheQueueItWasSendingIn() {
        Proc s = rig.sys("s");
        oldInstanceWaitsForRs();
        update(eEndpoint, tEndpoint, 0);
        rig.kernel.allow(e);
        rig.send(e, s, 42);                              // the new instance blocks sending to S
        assertThat(s.callerQ).isSameAs(e);
        e.setRts(RtsFlag.NO_PRIV);                       // RS: privctl DISALLOW
        assertThat(update(eEndpoint, tEndpoint, UpdateCall.SYS_UPD_ROLLBACK)).isEqualTo(Errno.OK);
        assertThat(s.callerQ).isNull();
        rig.receive(s, Endpoint.ANY);
        assertThat(s.hasRts(RtsFlag.RECEIVING)).as("the message is gone with the image").isTrue();
    }

    // ---------------------------------------------------------------- 43

    @Test
    void asyncMessagesToTheEndpointStayWithItAndReachTheNewInstance() {
        Proc c = rig.sys("c");
        oldInstanceWaitsForRs();                         // E waits for RS only: C's entry waits
        rig.asyncEntry(c, 0, AsyncTable.AMF_VALID, eEndpoint, 0x430, 43);
        rig.senda(c, 1);
        assertThat(e.priv().asynPending & Priv.bit(c.priv().id)).isNotZero();
        update(eEndpoint, tEndpoint, 0);
        assertThat(e.priv().asynPending & Priv.bit(c.priv().id)).as("the bit stayed with E").isNotZero();
        rig.kernel.allow(e);
        rig.receive(e, Endpoint.ANY);
        assertThat(rig.delivered(e).getInt(PagedKernelRig.TAG)).isEqualTo(43);
        assertThat(e.context.ebx & IpcCall.STATUS_CALL_MASK).isEqualTo(IpcCall.SENDA);
    }

    // ---------------------------------------------------------------- 44

    @Test
    void afterTheSwapTheNewInstanceReadsTheOldImageThroughGrantZeroAndOthersMustWait() {
        GrantRig grants = new GrantRig(rig);
        // The old instance's grant 0: its whole address space, readable by anyone (SEF process_init).
        assertThat(grants.register(e)).isEqualTo(Errno.OK);
        grants.direct(e, 0, 0, Endpoint.ANY, 0, 0xFFFFFFFF, Grants.CPF_READ);
        rig.put32(e, PagedKernelRig.SCRATCH, 0x57A7E);         // state worth transferring
        oldInstanceWaitsForRs();
        update(eEndpoint, tEndpoint, 0);
        rig.kernel.allow(e);
        int into = PagedKernelRig.SCRATCH + 0x200;
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYFROM, e, tEndpoint, 0, PagedKernelRig.SCRATCH, into, 4))
                .as("the new instance, at the endpoint that registered the table").isEqualTo(Errno.OK);
        assertThat(rig.get32(e, into)).isEqualTo(0x57A7E);
        Proc third = rig.sys("third");
        assertThat(grants.copy(SystemTask.SYS_SAFECOPYFROM, third, tEndpoint, 0, PagedKernelRig.SCRATCH,
                PagedKernelRig.SCRATCH, 4)).as("anyone else waits (the library retries)").isEqualTo(Errno.ENOTREADY);
    }

    // ---------------------------------------------------------------- 49

    @Test
    void forwardThenRollbackWithNoIpcBetweenRestoresEverythingButTheUnionOfAllowances() {
        oldInstanceWaitsForRs();
        e.priv().irqs.add(3);
        t.priv().irqs.add(9);
        t.priv().ioRanges.add(new int[] {0x300, 0x30F});
        rig.kernel.clock().setAlarm(e.priv().id, 50);
        int eRts = e.rts();
        int tRts = t.rts();
        int eMisc = e.misc();
        long eKcalls = e.priv().kCallMask;
        int eFlags = e.priv().flags;
        long eNotify = e.priv().notifyPending;
        long tNotify = t.priv().notifyPending;

        assertThat(update(eEndpoint, tEndpoint, 0)).isEqualTo(Errno.OK);
        assertThat(update(eEndpoint, tEndpoint, UpdateCall.SYS_UPD_ROLLBACK)).isEqualTo(Errno.OK);

        assertThat(e.endpoint()).isEqualTo(eEndpoint);
        assertThat(t.endpoint()).isEqualTo(tEndpoint);
        assertThat(e.context.cr3).isEqualTo(oldImage);
        assertThat(t.context.cr3).isEqualTo(newImage);
        assertThat(e.rts()).isEqualTo(eRts);
        assertThat(t.rts()).isEqualTo(tRts);
        assertThat(e.misc()).isEqualTo(eMisc);
        assertThat(e.getfromE).isEqualTo(rs.endpoint());
        assertThat(e.priv().kCallMask).isEqualTo(eKcalls);
        assertThat(e.priv().flags).isEqualTo(eFlags);
        assertThat(e.priv().notifyPending).isEqualTo(eNotify);
        assertThat(t.priv().notifyPending).isEqualTo(tNotify);
        assertThat(rig.kernel.clock().timeLeft(e.priv().id)).isEqualTo(50);
        assertThat(e.priv().ipcTo & Priv.bit(e.priv().id)).as("never its own bit").isZero();
        // Each swap adds src's allowances to dst: the old image now has both instances' IRQs.
        assertThat(e.priv().irqs).containsExactlyInAnyOrder(3, 9);
        assertThat(e.priv().ioRanges).hasSize(1);
    }
}
