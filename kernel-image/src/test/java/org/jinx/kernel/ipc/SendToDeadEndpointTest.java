package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 18: when a process dies, everyone blocked on it is released with EDEADSRCDST. */
class SendToDeadEndpointTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc b = rig.sys("b");
    private final Proc c = rig.sys("c");
    private final Proc d = rig.sys("d");

    @Test
    void blockedSenderAndNamedReceiverGetDeadSrcDstReceiveAnyIsUntouched() {
        rig.send(a, b, 1);
        rig.receive(c, b);
        rig.receive(d, Endpoint.ANY);
        int bEndpoint = b.endpoint();

        rig.kernel.clearProc(b);

        assertThat(a.isRunnable()).isTrue();
        assertThat(rig.kernel.dispatch(a)).isTrue();
        assertThat(rig.eax(a)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(c.isRunnable()).isTrue();
        assertThat(rig.eax(c)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(d.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(d.getfromE).isEqualTo(Endpoint.ANY);

        assertThat(rig.send(a, bEndpoint, 0x100, 2)).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void sendrecCallerWaitingForTheReplyIsReleased() {
        rig.receive(b, Endpoint.ANY);
        rig.sendrec(a, b, 1);
        rig.delivered(b);
        rig.kernel.clearProc(b);
        assertThat(a.isRunnable()).isTrue();
        assertThat(rig.eax(a)).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void dyingSenderLeavesItsTargetsQueue() {
        rig.send(b, c, 1);
        rig.send(a, c, 2);
        rig.kernel.clearProc(b);
        assertThat(c.callerQ).isSameAs(a);
        rig.receive(c, Endpoint.ANY);
        assertThat(rig.delivered(c).source()).isEqualTo(a.endpoint());
    }

    @Test
    void exitingProcessIsRefusedBeforeItIsFreed() {
        b.setRts(RtsFlag.NO_ENDPOINT);
        assertThat(rig.send(a, b, 1)).isEqualTo(Errno.EDEADSRCDST);
        assertThat(rig.receive(a, b)).isEqualTo(Errno.EDEADSRCDST);
    }

    @Test
    void dyingProcessesPendingNotificationsToOthersVanish() {
        rig.notify(b, a.endpoint());
        assertThat(a.priv().notifyPending).isNotZero();
        rig.kernel.clearProc(b);
        assertThat(a.priv().notifyPending).isZero();
    }
}
