package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.KernelTrap;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class VtimerCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");
    private final Proc svc = rig.sys("svc");

    private Message vtimer(int endpt, int which, int set, int value) {
        return rig.kcall(pm, request(SystemTask.SYS_VTIMER, VtimerCall.ENDPT, endpt, VtimerCall.WHICH, which,
                VtimerCall.SET, set, VtimerCall.VALUE, value));
    }

    /** n clock interrupts while p runs. */
    private void ticksWhileRunning(Proc p, int n) {
        for (int i = 0; i < n; i++) {
            rig.kernel.dispatch(p);
            rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
        }
    }

    private boolean pending(Proc p, int sig) {
        return (p.priv().sigPending[0] & 1L << (sig - 1)) != 0;
    }

    @Test
    void theVirtualTimerCountsTheProcesssOwnTicksAndThenSignalsSigvtalrm() {
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 1, 3).type()).isEqualTo(Errno.OK);
        ticksWhileRunning(pm, 5);
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 0, 0).getInt(VtimerCall.VALUE))
                .as("other processes' ticks do not count").isEqualTo(3);
        ticksWhileRunning(svc, 2);
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 0, 0).getInt(VtimerCall.VALUE)).isEqualTo(1);
        assertThat(pending(svc, VtimerCall.SIGVTALRM)).isFalse();
        ticksWhileRunning(svc, 1);
        assertThat(pending(svc, VtimerCall.SIGVTALRM)).isTrue();
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 0, 0).getInt(VtimerCall.VALUE)).as("disarmed").isZero();
        ticksWhileRunning(svc, 5);
        assertThat(pending(svc, VtimerCall.SIGPROF)).isFalse();
    }

    @Test
    void theProfilingTimerSignalsSigprofAndEachTimerIsSeparate() {
        vtimer(svc.endpoint(), VtimerCall.VT_PROF, 1, 2);
        vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 1, 10);
        ticksWhileRunning(svc, 2);
        assertThat(pending(svc, VtimerCall.SIGPROF)).isTrue();
        assertThat(pending(svc, VtimerCall.SIGVTALRM)).isFalse();
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 0, 0).getInt(VtimerCall.VALUE)).isEqualTo(8);
    }

    @Test
    void settingReturnsTheOldValueAndZeroDisarms() {
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_PROF, 1, 50).getInt(VtimerCall.VALUE)).isZero();
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_PROF, 1, 20).getInt(VtimerCall.VALUE)).isEqualTo(50);
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_PROF, 1, 0).getInt(VtimerCall.VALUE)).isEqualTo(20);
        ticksWhileRunning(svc, 30);
        assertThat(pending(svc, VtimerCall.SIGPROF)).isFalse();
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_PROF, 1, -5).getInt(VtimerCall.VALUE)).isZero();
        assertThat(vtimer(svc.endpoint(), VtimerCall.VT_PROF, 0, 0).getInt(VtimerCall.VALUE)).as("negative disarms")
                .isZero();
    }

    @Test
    void aUserProcessIsStoppedForItsManagerLikeAnyKernelSignal() {
        Proc u = rig.user("u");
        u.priv().sigMgr = pm.endpoint();
        vtimer(u.endpoint(), VtimerCall.VT_VIRTUAL, 1, 1);
        ticksWhileRunning(u, 1);
        assertThat(u.hasRts(RtsFlag.SIGNALED)).isTrue();
    }

    @Test
    void aTimerDoesNotOutliveItsProcess() {
        vtimer(svc.endpoint(), VtimerCall.VT_VIRTUAL, 1, 5);
        int e = svc.endpoint();
        rig.kernel.clearProc(svc);
        assertThat(vtimer(e, VtimerCall.VT_VIRTUAL, 0, 0).type()).isEqualTo(Errno.EINVAL);
        Proc next = rig.sys("next");
        assertThat(vtimer(next.endpoint(), VtimerCall.VT_VIRTUAL, 0, 0).getInt(VtimerCall.VALUE)).isZero();
    }

    @Test
    void badTimersAndEndpointsAreInvalid() {
        assertThat(vtimer(svc.endpoint(), 3, 1, 5).type()).isEqualTo(Errno.EINVAL);
        assertThat(vtimer(Endpoint.NONE, VtimerCall.VT_VIRTUAL, 1, 5).type()).isEqualTo(Errno.EINVAL);
        assertThat(vtimer(Endpoint.CLOCK, VtimerCall.VT_VIRTUAL, 1, 5).type()).isEqualTo(Errno.EINVAL);
        assertThat(vtimer(Endpoint.SELF, VtimerCall.VT_VIRTUAL, 1, 5).type()).as("SELF is the caller").isEqualTo(Errno.OK);
        assertThat(vtimer(pm.endpoint(), VtimerCall.VT_VIRTUAL, 0, 0).getInt(VtimerCall.VALUE)).isEqualTo(5);
    }
}
