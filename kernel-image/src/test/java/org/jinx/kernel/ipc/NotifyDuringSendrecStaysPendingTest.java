package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 13: a notification never passes for the reply of a SENDREC. */
class NotifyDuringSendrecStaysPendingTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void notifyWaitsUntilTheReplyHasBeenTakenThenComesFirst() {
        rig.receive(b, Endpoint.ANY);
        rig.sendrec(a, b, 1);
        rig.delivered(b);

        assertThat(rig.notify(b, a.endpoint())).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.RECEIVING)).as("not woken by the notify").isTrue();
        assertThat(a.priv().notifyPending & Priv.bit(b.priv().id)).isNotZero();

        rig.send(b, a, 2);
        assertThat(rig.delivered(a).getInt(KernelRig.TAG)).isEqualTo(2);

        rig.receive(a, Endpoint.ANY);
        Message n = rig.delivered(a);
        assertThat(rig.status(a)).isEqualTo(IpcCall.NOTIFY);
        assertThat(n.type()).isEqualTo(Message.NOTIFY_MESSAGE);
        assertThat(n.source()).isEqualTo(b.endpoint());
    }

    @Test
    void notifyIsHeldEvenWhileTheRequestIsStillQueued() {
        rig.sendrec(a, b, 1);
        rig.notify(b, a.endpoint());
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
        assertThat(a.priv().notifyPending).isNotZero();
    }
}
