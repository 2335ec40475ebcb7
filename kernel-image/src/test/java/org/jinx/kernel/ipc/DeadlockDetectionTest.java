package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenarios 14-16: a blocking call that would close a cycle of waiting processes is refused. */
class DeadlockDetectionTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");
    private final Proc c = rig.sys("c");

    @Test
    void twoProcessesSendingToEachOther() {
        rig.send(a, b, 1);
        assertThat(rig.send(b, a, 2)).isEqualTo(Errno.ELOCKED);
        assertThat(b.isRunnable()).as("not queued").isTrue();
        assertThat(a.callerQ).isNull();
    }

    @Test
    void twoProcessesReceivingFromEachOther() {
        rig.receive(a, b);
        assertThat(rig.receive(b, a)).isEqualTo(Errno.ELOCKED);
        assertThat(b.isRunnable()).isTrue();
    }

    @Test
    void cycleOfThreeBySend() {
        rig.send(a, b, 1);
        rig.send(b, c, 2);
        assertThat(rig.send(c, a, 3)).isEqualTo(Errno.ELOCKED);
        assertThat(c.isRunnable()).isTrue();
        assertThat(a.callerQ).isNull();
    }

    @Test
    void cycleOfThreeByReceive() {
        rig.send(a, b, 1);
        rig.send(b, c, 2);
        assertThat(rig.receive(c, a)).isEqualTo(Errno.ELOCKED);
        assertThat(c.isRunnable()).isTrue();
    }

    @Test
    void receiveAnyIsNeverCheckedAndTakesTheQueuedMessage() {
        rig.send(a, b, 1);
        rig.send(b, c, 2);
        assertThat(rig.receive(c, Endpoint.ANY)).isEqualTo(Errno.OK);
        assertThat(rig.delivered(c).source()).isEqualTo(b.endpoint());
    }

    @Test
    void sendToAProcessReceivingFromTheSenderIsTheRendezvousNotADeadlock() {
        rig.receive(b, a);
        assertThat(rig.send(a, b, 1)).isEqualTo(Errno.OK);
    }

    @Test
    void receiveFromAProcessSendingToTheReceiverIsTheRendezvous() {
        rig.send(a, b, 1);
        assertThat(rig.receive(b, a)).isEqualTo(Errno.OK);
        assertThat(b.isRunnable()).isTrue();
    }

    @Test
    void openChainIsNoDeadlock() {
        rig.send(a, b, 1);
        rig.receive(b, Endpoint.ANY); // b takes it and runs
        rig.send(b, c, 2);
        assertThat(rig.send(a, b, 3)).as("b waits for c, c waits for nobody").isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
    }

    @Test
    void sendrecAgainstASendingPeerIsLocked() {
        rig.send(b, a, 1);
        assertThat(rig.sendrec(a, b, 2)).isEqualTo(Errno.ELOCKED);
        assertThat(a.isRunnable()).isTrue();
    }
}
