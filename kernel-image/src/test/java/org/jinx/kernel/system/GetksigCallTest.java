package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class GetksigCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc pm = rig.sys("pm");

    private Message getksig(Proc caller) {
        return rig.kcall(caller, request(SystemTask.SYS_GETKSIG));
    }

    @Test
    void theManagerFetchesAProcessAndAllItsPendingSignalsOnce() {
        Proc u = rig.user("u");
        u.priv().sigMgr = pm.endpoint();
        rig.kernel.signals().causeSig(u, Signals.SIGINT);
        rig.kernel.signals().causeSig(u, Signals.SIGALRM);
        Message m = getksig(pm);
        assertThat(m.type()).isEqualTo(Errno.OK);
        assertThat(m.getInt(GetksigCall.ENDPT)).isEqualTo(u.endpoint());
        assertThat(m.getLong(GetksigCall.MAP)).isEqualTo(1L << (Signals.SIGINT - 1) | 1L << (Signals.SIGALRM - 1));
        assertThat(u.hasRts(RtsFlag.SIGNALED)).isFalse();
        assertThat(u.hasRts(RtsFlag.SIG_PENDING)).as("stopped until ENDKSIG").isTrue();
        assertThat(getksig(pm).getInt(GetksigCall.ENDPT)).isEqualTo(Endpoint.NONE);
    }

    @Test
    void anotherManagerSeesNothing() {
        Proc u = rig.user("u");
        u.priv().sigMgr = pm.endpoint();
        rig.kernel.signals().causeSig(u, Signals.SIGINT);
        assertThat(getksig(rig.sys("other")).getInt(GetksigCall.ENDPT)).isEqualTo(Endpoint.NONE);
    }
}
