package org.jinx.kernel.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelRig;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** Scenario 22: nobody holds its own send bit, so notifying oneself is refused. */
class NotifySelfDeniedTest {
    @Test
    void notifySelfIsCallDenied() {
        KernelRig rig = new KernelRig();
        Proc a = rig.sys("a");
        assertThat(rig.notify(a, a.endpoint())).isEqualTo(Errno.ECALLDENIED);
        assertThat(a.priv().notifyPending).isZero();
    }
}
