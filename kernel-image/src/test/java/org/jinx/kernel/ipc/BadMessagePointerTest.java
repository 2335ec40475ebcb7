package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.kernel.system.Signals;
import org.junit.jupiter.api.Test;

/** Bad user pointers give EFAULT (or a signal for an unwritable receive buffer); the kernel goes on. */
class BadMessagePointerTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");
    private static final int UNMAPPED = 0x40;

    @Test
    void sendFromAnUnmappedBufferToAWaitingReceiverFaultsAndTheReceiverKeepsWaiting() {
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(rig.send(a, b, 3)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(3);
    }

    @Test
    void blockingSendFromAnUnmappedBufferFaultsAndIsNotQueued() {
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(a.isRunnable()).isTrue();
        assertThat(b.callerQ).isNull();
    }

    @Test
    void deadlockIsReportedBeforeTheCopyIsTried() {
        rig.send(b, a, 1);
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), UNMAPPED)).isEqualTo(Errno.ELOCKED);
    }

    @Test
    void sendrecWithABadBufferFaults() {
        assertThat(rig.ipc(a, IpcCall.SENDREC, b.endpoint(), UNMAPPED)).isEqualTo(Errno.EFAULT);
        assertThat(a.isRunnable()).isTrue();
        assertThat(b.callerQ).isNull();
    }

    @Test
    void sendnbWithABadBufferFaultsOnlyWhenTheReceiverIsReady() {
        assertThat(rig.ipc(a, IpcCall.SENDNB, b.endpoint(), UNMAPPED)).isEqualTo(Errno.ENOTREADY);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.ipc(a, IpcCall.SENDNB, b.endpoint(), UNMAPPED)).isEqualTo(Errno.EFAULT);
    }

    @Test
    void bufferRunningOffTheEndOfTheMappingFaults() {
        int lastBytes = rig.base(a) + KernelRig.WINDOW - 32;
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), lastBytes)).isEqualTo(Errno.EFAULT);
    }

    @Test
    void bufferWrappingPastFourGigabytesFaults() {
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), 0xFFFFFFE0)).isEqualTo(Errno.EFAULT);
    }

    @Test
    void supervisorOnlyBufferFaults() {
        int kernelPage = 0x700000;
        rig.mem.map(a.context.cr3, kernelPage, 0x1000, true, false);
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), kernelPage)).isEqualTo(Errno.EFAULT);
    }

    @Test
    void anotherProcessesBufferFaults() {
        assertThat(rig.ipc(a, IpcCall.SEND, b.endpoint(), rig.sendBuf(b))).isEqualTo(Errno.EFAULT);
    }

    @Test
    void receiveIntoAnUnmappedBufferSignalsTheReceiverAndTheSenderSucceeds() {
        b.priv().sigMgr = Endpoint.PM;
        assertThat(rig.ipc(b, IpcCall.RECEIVE, Endpoint.ANY, UNMAPPED)).isEqualTo(Errno.OK);
        assertThat(rig.send(a, b, 1)).isEqualTo(Errno.OK);
        assertThat(rig.kernel.dispatch(b)).isFalse();
        assertThat(b.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(b.pendingSignals[0] & 1L << (Signals.SIGSEGV - 1)).isNotZero();
        // Everyone else carries on.
        Proc c = rig.sys("c");
        rig.receive(c, Endpoint.ANY);
        assertThat(rig.send(a, c, 2)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(c).getInt(KernelRig.TAG)).isEqualTo(2);
    }

    @Test
    void readOnlyReceiveBufferOfASelfManagedServerRaisesItsOwnSignal() {
        int ro = 0x710000;
        rig.mem.map(b.context.cr3, ro, 0x1000, false);
        rig.ipc(b, IpcCall.RECEIVE, Endpoint.ANY, ro);
        rig.send(a, b, 1);
        // A server handling its own signals is not stopped; SYSTEM tells it of SIGSEGV.
        assertThat(rig.kernel.dispatch(b)).isTrue();
        assertThat(b.priv().sigPending[0] & 1L << (Signals.SIGSEGV - 1)).isNotZero();
    }

    @Test
    void schedulerSkipsAProcessWhoseDeliveryFails() {
        b.priv().sigMgr = Endpoint.PM;
        rig.ipc(b, IpcCall.RECEIVE, Endpoint.ANY, UNMAPPED);
        rig.send(a, b, 1);
        rig.receive(a, Endpoint.ANY); // a waits, so b is the only candidate
        rig.kernel.schedule();
        assertThat(rig.kernel.currentProc()).as("b skipped, nobody left: idle").isNull();
        assertThat(b.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(rig.log).anyMatch(l -> l.contains("not deliverable"));
    }
}
