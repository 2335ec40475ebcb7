package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class RunctlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc p = rig.sys("p");

    private int runctl(int endpoint, int action, int flags) {
        return rig.kcall(pm, request(SystemTask.SYS_RUNCTL, RunctlCall.ENDPT, endpoint, RunctlCall.ACTION, action,
                RunctlCall.FLAGS, flags)).type();
    }

    @Test
    void stopTakesAProcessOffTheRunQueueAndResumeBringsItBack() {
        assertThat(runctl(p.endpoint(), RunctlCall.RC_STOP, 0)).isEqualTo(Errno.OK);
        assertThat(p.hasRts(RtsFlag.P_STOP)).isTrue();
        assertThat(rig.kernel.procs().runQueues().contains(p)).isFalse();
        assertThat(runctl(p.endpoint(), RunctlCall.RC_RESUME, 0)).isEqualTo(Errno.OK);
        assertThat(p.isRunnable()).isTrue();
    }

    @Test
    void aDelayedStopOfASenderIsBusyAndSignalsSndelayOnceTheMessageIsTaken() {
        Proc server = rig.sys("server");
        rig.kernel.ipc().doIpc(p, IpcCall.SEND, server.endpoint(), PagedKernelRig.SCRATCH);
        assertThat(runctl(p.endpoint(), RunctlCall.RC_STOP, RunctlCall.RC_DELAY)).isEqualTo(Errno.EBUSY);
        assertThat(p.hasRts(RtsFlag.P_STOP)).isFalse();
        rig.kernel.ipc().doIpc(server, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH);
        // p manages its own signals, so SIGSNDELAY arrives as a SYSTEM notification's sigset.
        assertThat(p.priv().sigPending[1] & 1L << (Signals.SIGSNDELAY - 1 - 64)).isNotZero();
    }

    @Test
    void aDelayedStopOfAProcessNotSendingStopsIt() {
        assertThat(runctl(p.endpoint(), RunctlCall.RC_STOP, RunctlCall.RC_DELAY)).isEqualTo(Errno.OK);
        assertThat(p.hasRts(RtsFlag.P_STOP)).isTrue();
    }

    @Test
    void badTargetsAndActionsAreInvalid() {
        assertThat(runctl(Endpoint.NONE, RunctlCall.RC_STOP, 0)).isEqualTo(Errno.EINVAL);
        assertThat(runctl(Endpoint.CLOCK, RunctlCall.RC_STOP, 0)).isEqualTo(Errno.EINVAL);
        assertThat(runctl(p.endpoint(), 2, 0)).isEqualTo(Errno.EINVAL);
    }
}
