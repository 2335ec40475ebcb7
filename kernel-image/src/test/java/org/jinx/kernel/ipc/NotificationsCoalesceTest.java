package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 19: notifications carry no payload and many of them make one message. */
class NotificationsCoalesceTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void fiveNotifiesWhileBusyGiveOneMessage() {
        for (int i = 0; i < 5; i++) {
            assertThat(rig.notify(a, b.endpoint())).isEqualTo(Errno.OK);
            assertThat(a.isRunnable()).as("notify never blocks").isTrue();
        }
        rig.receive(b, Endpoint.ANY);
        Message m = rig.delivered(b);
        assertThat(m.type()).isEqualTo(Message.NOTIFY_MESSAGE);
        assertThat(m.source()).isEqualTo(a.endpoint());
        assertThat(rig.status(b)).isEqualTo(IpcCall.NOTIFY);
        assertThat(IpcCall.isNotify(rig.status(b))).isTrue();

        assertThat(rig.receive(b, Endpoint.ANY)).isEqualTo(Errno.OK);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).as("nothing left").isTrue();
    }

    @Test
    void notifyToAWaitingReceiverIsDeliveredAtOnceWithATimestampAndZeroPayload() {
        rig.kernel.clock().tick(null);
        rig.kernel.clock().tick(null);
        rig.receive(b, Endpoint.ANY);
        rig.notify(a, b.endpoint());
        assertThat(b.isRunnable()).isTrue();
        Message m = rig.delivered(b);
        assertThat(m.notifyTimestamp()).isEqualTo(2);
        for (int off = Message.NOTIFY_INTERRUPTS; off < Message.SIZE; off += 4) {
            assertThat(m.getInt(off)).as("byte %d", off).isZero();
        }
    }

    @Test
    void receiveFromANamedSourceTakesOnlyThatSourcesNotification() {
        Proc c = rig.sys("c");
        rig.notify(c, b.endpoint());
        assertThat(rig.receive(b, a)).isEqualTo(Errno.OK);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        rig.notify(a, b.endpoint());
        assertThat(rig.delivered(b).source()).isEqualTo(a.endpoint());
        assertThat(b.priv().notifyPending).as("c's is still pending").isNotZero();
    }
}
