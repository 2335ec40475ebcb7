package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.Errno;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class KillCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");

    private int kill(int endpoint, int sig) {
        return rig.kcall(pm, request(SystemTask.SYS_KILL, KillCall.ENDPT, endpoint, KillCall.SIG, sig)).type();
    }

    @Test
    void aServiceManagingItsOwnSignalsHearsOfThemFromSystem() {
        Proc svc = rig.sys("svc");
        rig.kernel.ipc().doIpc(svc, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH);
        assertThat(kill(svc.endpoint(), Signals.SIGTERM)).isEqualTo(Errno.OK);
        rig.kernel.dispatch(svc);
        Message m = new Message();
        rig.read(svc, PagedKernelRig.SCRATCH, m.buf);
        assertThat(m.source()).isEqualTo(Endpoint.SYSTEM);
        assertThat(m.type()).isEqualTo(Message.NOTIFY_MESSAGE);
        assertThat(m.notifySigset(0)).isEqualTo(1L << (Signals.SIGTERM - 1));
    }

    @Test
    void aManagedProcessStopsAndItsManagerIsToldToFetchTheSignal() {
        Proc u = rig.user("u");
        u.priv().sigMgr = pm.endpoint();
        assertThat(kill(u.endpoint(), Signals.SIGINT)).isEqualTo(Errno.OK);
        assertThat(u.hasRts(RtsFlag.SIGNALED)).isTrue();
        assertThat(u.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(pm.priv().sigPending[1] & 1L << (Signals.SIGKSIG - 1 - 64)).isNotZero();
    }

    @Test
    void aLethalSignalForAProcessNobodyManagesEndsIt() {
        List<Integer> exits = new ArrayList<>();
        rig.kernel.setEvents(new Kernel.Events() {
            @Override
            public void exited(Proc p, int status) {
                exits.add(status);
            }
        });
        Proc svc = rig.sys("svc");
        int e = svc.endpoint();
        assertThat(kill(e, Signals.SIGKILL)).isEqualTo(Errno.OK);
        assertThat(rig.lookup(e)).isNull();
        assertThat(exits).containsExactly(128 + Signals.SIGKILL);
    }

    @Test
    void badTargetsAndSignalsAreRefused() {
        assertThat(kill(Endpoint.NONE, Signals.SIGTERM)).isEqualTo(Errno.EINVAL);
        assertThat(kill(pm.endpoint(), 0)).isEqualTo(Errno.EINVAL);
        assertThat(kill(pm.endpoint(), Signals.MAX_SIGNAL + 1)).isEqualTo(Errno.EINVAL);
        assertThat(kill(Endpoint.CLOCK, Signals.SIGTERM)).isEqualTo(Errno.EPERM);
    }
}
