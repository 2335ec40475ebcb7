package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class EndksigCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc u = rig.user("u");

    private int endksig(Proc caller, int endpoint) {
        return rig.kcall(caller, request(SystemTask.SYS_ENDKSIG, EndksigCall.ENDPT, endpoint)).type();
    }

    @Test
    void afterFetchingTheManagerLetsTheProcessRunAgain() {
        u.priv().sigMgr = pm.endpoint();
        rig.kernel.signals().causeSig(u, Signals.SIGINT);
        rig.kcall(pm, request(SystemTask.SYS_GETKSIG));
        assertThat(endksig(pm, u.endpoint())).isEqualTo(Errno.OK);
        assertThat(u.isRunnable()).isTrue();
    }

    @Test
    void aSignalArrivingMeanwhileKeepsItStopped() {
        u.priv().sigMgr = pm.endpoint();
        rig.kernel.signals().causeSig(u, Signals.SIGINT);
        rig.kcall(pm, request(SystemTask.SYS_GETKSIG));
        rig.kernel.signals().causeSig(u, Signals.SIGTERM);
        assertThat(endksig(pm, u.endpoint())).isEqualTo(Errno.OK);
        assertThat(u.hasRts(RtsFlag.SIG_PENDING)).isTrue();
    }

    @Test
    void onlyTheManagerAndOnlyForAStoppedProcess() {
        u.priv().sigMgr = pm.endpoint();
        assertThat(endksig(pm, u.endpoint())).as("nothing pending").isEqualTo(Errno.EINVAL);
        rig.kernel.signals().causeSig(u, Signals.SIGINT);
        assertThat(endksig(rig.sys("other"), u.endpoint())).isEqualTo(Errno.EPERM);
    }
}
