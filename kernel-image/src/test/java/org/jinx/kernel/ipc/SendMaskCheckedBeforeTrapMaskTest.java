package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 2: the send mask is checked before the trap mask. */
class SendMaskCheckedBeforeTrapMaskTest {
    private final KernelRig rig = new KernelRig();
    private final Proc a = rig.sys("a");
    private final Proc u = rig.user("u");

    @Test
    void sendrecToADeniedDestinationIsCallDenied() {
        u.priv().ipcTo &= ~Priv.bit(a.priv().id);
        assertThat(rig.sendrec(u, a, 1)).isEqualTo(Errno.ECALLDENIED);
        assertThat(u.isRunnable()).isTrue();
    }

    @Test
    void sendToADeniedDestinationIsCallDeniedEvenWhenTheTrapIsAlsoDenied() {
        u.priv().ipcTo &= ~Priv.bit(a.priv().id);
        assertThat(rig.send(u, a, 1)).isEqualTo(Errno.ECALLDENIED);
    }

    @Test
    void userCannotReachAnotherUserProcess() {
        Proc v = rig.user("v");
        // Both share priv id 16, and nobody holds its own bit.
        assertThat(rig.sendrec(u, v, 1)).isEqualTo(Errno.ECALLDENIED);
    }
}
