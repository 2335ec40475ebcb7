package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 9: a send to a busy process blocks until the receive takes it (rendezvous). */
class SendBlocksUntilReceiveTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void senderBlocksThenIsReleasedWithOkWhenTheReceiverTakesIt() {
        assertThat(rig.send(a, b.endpoint(), 0x55, 99)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
        assertThat(a.sendtoE).isEqualTo(b.endpoint());
        assertThat(rig.kernel.procs().runQueues().contains(a)).isFalse();

        // The sender's buffer may change while it waits: the kernel already holds its copy.
        rig.writeMessage(rig.sendBuf(a), 0x66, 1);

        assertThat(rig.receive(b, a)).isEqualTo(Errno.OK);
        assertThat(b.isRunnable()).as("message found, no blocking").isTrue();
        Message m = rig.delivered(b);
        assertThat(m.type()).isEqualTo(0x55);
        assertThat(m.getInt(KernelRig.TAG)).isEqualTo(99);
        assertThat(m.source()).isEqualTo(a.endpoint());
        assertThat(rig.status(b)).isEqualTo(IpcCall.SEND);

        assertThat(a.isRunnable()).isTrue();
        assertThat(rig.kernel.dispatch(a)).isTrue();
        assertThat(rig.eax(a)).isEqualTo(Errno.OK);
        assertThat(b.callerQ).isNull();
    }

    @Test
    void receiveAnyAlsoTakesAQueuedSender() {
        rig.send(a, b, 5);
        rig.receive(b, Endpoint.ANY);
        assertThat(rig.delivered(b).getInt(KernelRig.TAG)).isEqualTo(5);
        assertThat(a.isRunnable()).isTrue();
    }
}
