package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

/** Scenario 1: user processes may only SENDREC; any other IPC trap is ETRAPDENIED. */
class UserSendDeniedByTrapMaskTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc u = rig.user("u");

    @Test
    void userSendIsTrapDeniedAndLeavesTheDestinationAlone() {
        rig.receive(a, Endpoint.ANY);
        assertThat(rig.send(u, a, 1)).isEqualTo(Errno.ETRAPDENIED);
        assertThat(a.hasRts(RtsFlag.RECEIVING)).isTrue();
        assertThat(a.callerQ).isNull();
        assertThat(u.isRunnable()).isTrue();
    }

    @Test
    void userReceiveNotifyAndSendnbAreTrapDenied() {
        assertThat(rig.receive(u, a)).isEqualTo(Errno.ETRAPDENIED);
        assertThat(rig.notify(u, a.endpoint())).isEqualTo(Errno.ETRAPDENIED);
        assertThat(rig.sendnb(u, a, 1)).isEqualTo(Errno.ETRAPDENIED);
        assertThat(a.priv().notifyPending).isZero();
    }

    @Test
    void userSendrecIsAllowed() {
        assertThat(rig.sendrec(u, a, 1)).isEqualTo(Errno.OK);
        assertThat(u.isRunnable()).isFalse();
        assertThat(a.callerQ).isSameAs(u);
    }
}
