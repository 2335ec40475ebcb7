package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 8: a send to a process waiting in receive(ANY) is delivered at once. */
class SendToWaitingReceiverTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void senderDoesNotBlockAndReceiverGetsTheMessageWithTheTrueSource() {
        assertThat(rig.receive(b, Endpoint.ANY)).isEqualTo(Errno.OK);
        assertThat(b.isRunnable()).isFalse();

        assertThat(rig.send(a, b.endpoint(), 0x123, 0xABCD)).isEqualTo(Errno.OK);
        assertThat(a.isRunnable()).isTrue();
        assertThat(b.isRunnable()).isTrue();

        Message m = rig.delivered(b);
        assertThat(rig.eax(b)).isEqualTo(Errno.OK);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SEND);
        assertThat(m.source()).as("forged m_source replaced").isEqualTo(a.endpoint());
        assertThat(m.type()).isEqualTo(0x123);
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(0xABCD);
    }

    @Test
    void receiveFromTheSenderSpecificallyAlsoTakesItAtOnce() {
        rig.receive(b, a);
        assertThat(rig.send(a, b, 7)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(7);
    }

    @Test
    void receiverWaitingForSomeoneElseMakesTheSenderQueue() {
        Proc c = rig.sys("c");
        rig.receive(b, c);
        assertThat(rig.send(a, b, 7)).isEqualTo(Errno.OK);
        assertThat(a.isRunnable()).isFalse();
        assertThat(b.callerQ).isSameAs(a);
    }

    @Test
    void statusWordIsZeroedAtEveryReceive() {
        b.context.ebx = 0xFFFF_FFFF;
        rig.receive(b, Endpoint.ANY);
        rig.sendnb(a, b, 1);
        rig.delivered(b);
        assertThat(rig.status(b)).isEqualTo(IpcCall.SENDNB);
    }
}
