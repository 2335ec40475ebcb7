package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/**
 * Scenario 20 and the receive order of 3.5: notifications (lowest priv id first), then async
 * messages, then queued senders.
 */
class ReceiveOrderNotificationsFirstTest {
    private final KernelRig rig = new KernelRig();

    @Test
    void notificationsByPrivIdThenTheQueuedSend() {
        Proc c = rig.sys("c", 10);
        Proc a = rig.sys("a", 6);
        Proc b = rig.sys("b");
        Proc d = rig.sys("d");
        rig.notify(c, b.endpoint());
        rig.notify(a, b.endpoint());
        rig.send(d, b, 4);

        rig.receive(b, Endpoint.ANY);
        assertThat(rig.delivered(b).source()).isEqualTo(a.endpoint());
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.delivered(b).source()).isEqualTo(c.endpoint());
        rig.receive(b, Endpoint.ANY);
        Message m = rig.delivered(b);
        assertThat(m.source()).isEqualTo(d.endpoint());
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(4);
    }

    @Test
    void asyncMessagesComeAfterNotificationsAndBeforeQueuedSenders() {
        Proc n = rig.sys("n");
        Proc s = rig.sys("s");
        Proc q = rig.sys("q");
        Proc r = rig.sys("r");
        rig.send(q, r, 3);
        rig.asyncEntry(s, 0, AsyncTable.AMF_VALID, r.endpoint(), 0x300, 2);
        rig.senda(s, 1);
        rig.notify(n, r.endpoint());

        rig.receive(r, Endpoint.ANY);
        assertThat(rig.status(r)).isEqualTo(IpcCall.NOTIFY);
        rig.delivered(r);
        rig.receive(r, Endpoint.ANY);
        assertThat(rig.delivered(r).getInt(KernelRig.TAG)).isEqualTo(2);
        assertThat(rig.status(r)).isEqualTo(IpcCall.SENDA);
        rig.receive(r, Endpoint.ANY);
        assertThat(rig.delivered(r).getInt(KernelRig.TAG)).isEqualTo(3);
        assertThat(rig.status(r)).isEqualTo(IpcCall.SEND);
    }

    @Test
    void asyncmNotificationBeatsEveryOther() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        rig.notify(b, a.endpoint());
        rig.kernel.ipc().notifyFromTask(Endpoint.CLOCK, a);
        rig.kernel.ipc().notifyFromTask(Endpoint.ASYNCM, a);
        rig.receive(a, Endpoint.ANY);
        assertThat(rig.delivered(a).source()).isEqualTo(Endpoint.ASYNCM);
        rig.receive(a, Endpoint.ANY);
        assertThat(rig.delivered(a).source()).isEqualTo(Endpoint.CLOCK);
        rig.receive(a, Endpoint.ANY);
        assertThat(rig.delivered(a).source()).isEqualTo(b.endpoint());
    }
}
