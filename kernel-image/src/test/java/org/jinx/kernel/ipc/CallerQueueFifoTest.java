package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 10: queued senders are served first come, first served, unless a source is named. */
class CallerQueueFifoTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");
    private final Proc c = rig.sys("c");

    @Test
    void receiveAnyTakesSendersInArrivalOrder() {
        rig.send(a, b, 1);
        rig.send(c, b, 3);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.delivered(b).source()).isEqualTo(a.endpoint());
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.delivered(b).source()).isEqualTo(c.endpoint());
        assertThat(b.callerQ).isNull();
    }

    @Test
    void receiveFromANamedSourceSkipsAheadOfEarlierSenders() {
        rig.send(a, b, 1);
        rig.send(c, b, 3);
        rig.receive(b, c);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(3);
        assertThat(c.isRunnable()).isTrue();
        assertThat(a.isRunnable()).isFalse();
        assertThat(b.callerQ).isSameAs(a);
        assertThat(a.qLink).isNull();
    }
}
