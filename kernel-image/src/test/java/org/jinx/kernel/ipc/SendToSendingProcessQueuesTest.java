package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 17: a process still sending does not receive, even inside a SENDREC. */
class SendToSendingProcessQueuesTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");
    private final Proc c = rig.sys("c");

    @Test
    void sendToAProcessBlockedInTheSendPhaseOfSendrecQueues() {
        rig.sendrec(b, c, 1);
        assertThat(b.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(b.getfromE).isEqualTo(c.endpoint());
        assertThat(rig.send(a, b, 2)).isEqualTo(Errno.OK);
        assertThat(a.hasRts(RtsFlag.SENDING)).isTrue();
        assertThat(b.callerQ).isSameAs(a);
    }

    @Test
    void evenTheSendrecPeerQueuesUntilTheRequestIsTaken() {
        rig.sendrec(b, c, 1);
        assertThat(rig.sendnb(c, b, 2)).isEqualTo(Errno.ENOTREADY);
    }
}
