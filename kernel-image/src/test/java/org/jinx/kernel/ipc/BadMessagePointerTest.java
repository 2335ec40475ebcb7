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
        b.priv().sigMgr = rig.sys("mgr").endpoint();
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
    void readOnlyReceiveBufferOfASelfManagedServerWithoutBackupTerminatesIt() {
        int ro = 0x710000;
        int bEndpoint = b.endpoint();
        rig.mem.map(b.context.cr3, ro, 0x1000, false);
        rig.ipc(b, IpcCall.RECEIVE, Endpoint.ANY, ro);
        rig.send(a, b, 1);
        // SIGSEGV is lethal: a server that is its own manager cannot handle it, and with no
        // backup manager the kernel ends it (MINIX panics here).
        assertThat(rig.kernel.dispatch(b)).isFalse();
        assertThat(rig.kernel.procs().lookup(bEndpoint)).isNull();
    }

    @Test
    void readOnlyReceiveBufferOfASelfManagedServerGoesToItsBackupManager() {
        int ro = 0x710000;
        Proc backup = rig.sys("rs");
        b.priv().bakSigMgr = backup.endpoint();
        rig.mem.map(b.context.cr3, ro, 0x1000, false);
        rig.ipc(b, IpcCall.RECEIVE, Endpoint.ANY, ro);
        rig.send(a, b, 1);
        assertThat(rig.kernel.dispatch(b)).isFalse();
        assertThat(b.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(b.priv().sigMgr).as("the backup is now the manager").isEqualTo(backup.endpoint());
        assertThat(backup.priv().sigPending[1] & 1L << (Signals.SIGKSIG - 1 - 64)).isNotZero();
    }

    @Test
    void schedulerSkipsAProcessWhoseDeliveryFails() {
        Proc mgr = rig.sys("mgr");
        b.priv().sigMgr = mgr.endpoint();
        rig.receive(mgr, Endpoint.ANY); // the manager waits, so b is the first candidate
        rig.ipc(b, IpcCall.RECEIVE, Endpoint.ANY, UNMAPPED);
        rig.send(a, b, 1);
        rig.receive(a, Endpoint.ANY); // a waits, so b is the only candidate
        rig.kernel.schedule();
        assertThat(rig.kernel.currentProc()).as("b skipped; its manager runs").isSameAs(mgr);
        assertThat(b.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(rig.log).anyMatch(l -> l.contains("not deliverable"));
    }
}
