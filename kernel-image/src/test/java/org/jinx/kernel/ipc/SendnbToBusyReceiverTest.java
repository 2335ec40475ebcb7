package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 11: SENDNB never waits and never queues. */
class SendnbToBusyReceiverTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");

    @Test
    void sendnbToABusyProcessIsNotReadyAndLeavesNothingBehind() {
        assertThat(rig.sendnb(a, b, 1)).isEqualTo(Errno.ENOTREADY);
        assertThat(a.isRunnable()).isTrue();
        assertThat(b.callerQ).isNull();
        assertThat(rig.receive(b, a)).isEqualTo(Errno.OK);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).as("nothing was queued, so b waits").isTrue();
    }

    @Test
    void sendnbSkipsDeadlockDetection() {
        // b is blocked sending to a; a's SEND to b would be ELOCKED, a's SENDNB just is not ready.
        rig.send(b, a, 1);
        assertThat(rig.send(a, b, 2)).isEqualTo(Errno.ELOCKED);
        assertThat(rig.sendnb(a, b, 2)).isEqualTo(Errno.ENOTREADY);
    }
}
