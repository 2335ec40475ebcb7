package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.ipc.AsyncTable.AMF_DONE;
import static org.jinx.kernel.ipc.AsyncTable.AMF_NOTIFY;
import static org.jinx.kernel.ipc.AsyncTable.AMF_NOTIFY_ERR;
import static org.jinx.kernel.ipc.AsyncTable.AMF_VALID;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 25: failed entries are completed in the table and notified from ASYNCM if asked. */
class SendaDeadDestinationNotifyErrTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");

    @Test
    void deadDestinationWithNotifyErrCompletesWithErrorAndNotifies() {
        Proc b = rig.sys("b");
        int dead = b.endpoint();
        rig.kernel.clearProc(b);
        rig.asyncEntry(a, 0, AMF_VALID | AMF_NOTIFY_ERR, dead, 0x1, 1);
        assertThat(rig.senda(a, 1)).as("per-entry errors live in the table").isEqualTo(Errno.OK);
        assertThat(rig.entryFlags(a, 0)).isEqualTo(AMF_VALID | AMF_NOTIFY_ERR | AMF_DONE);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(a.priv().notifyPending & Priv.bit(0)).as("ASYNCM has priv id 0").isNotZero();

        rig.receive(a, Endpoint.ANY);
        Message m = rig.delivered(a);
        assertThat(m.source()).isEqualTo(Endpoint.ASYNCM);
        assertThat(m.type()).isEqualTo(Message.NOTIFY_MESSAGE);
    }

    @Test
    void notifyErrIsQuietOnSuccess() {
        Proc b = rig.sys("b");
        rig.receive(b, Endpoint.ANY);
        rig.asyncEntry(a, 0, AMF_VALID | AMF_NOTIFY_ERR, b.endpoint(), 0x1, 1);
        rig.senda(a, 1);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.OK);
        assertThat(a.priv().notifyPending).isZero();
    }

    @Test
    void notifyAsksEvenOnSuccessAndManyEntriesGiveOneNotification() {
        Proc b = rig.sys("b");
        Proc c = rig.sys("c");
        rig.receive(b, Endpoint.ANY);
        rig.receive(c, Endpoint.ANY);
        rig.asyncEntry(a, 0, AMF_VALID | AMF_NOTIFY, b.endpoint(), 0x1, 1);
        rig.asyncEntry(a, 1, AMF_VALID | AMF_NOTIFY, c.endpoint(), 0x1, 2);
        rig.senda(a, 2);
        rig.receive(a, Endpoint.ANY);
        assertThat(rig.delivered(a).source()).isEqualTo(Endpoint.ASYNCM);
        rig.receive(a, Endpoint.ANY);
        assertThat(a.isRunnable()).isFalse();
    }

    @Test
    void destinationWithoutSendRightIsCallDenied() {
        Proc b = rig.sys("b");
        a.priv().ipcTo &= ~Priv.bit(b.priv().id);
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.senda(a, 1);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.ECALLDENIED);
        assertThat(rig.entryFlags(a, 0) & AMF_DONE).isNotZero();
    }

    @Test
    void exitingDestinationIsDeadSrcDst() {
        Proc b = rig.sys("b");
        b.setRts(org.jinx.kernel.proc.RtsFlag.NO_ENDPOINT);
        rig.asyncEntry(a, 0, AMF_VALID, b.endpoint(), 0x1, 1);
        rig.senda(a, 1);
        assertThat(rig.entryResult(a, 0)).isEqualTo(Errno.EDEADSRCDST);
    }
}
