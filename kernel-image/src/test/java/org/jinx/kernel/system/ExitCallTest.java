package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class ExitCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final List<String> exits = new ArrayList<>();

    ExitCallTest() {
        rig.kernel.setEvents(new Kernel.Events() {
            @Override
            public void exited(Proc p, int status) {
                exits.add(p.name() + ":" + status);
            }
        });
    }

    private Message exit(Proc p, int status) {
        return rig.kcall(p, request(SystemTask.SYS_EXIT, ExitCall.STATUS, status));
    }

    @Test
    void aProcessNobodyManagesEndsAtOnceWithItsStatusAndGetsNoReply() {
        Proc p = rig.sys("svc");
        int e = p.endpoint();
        int free = rig.spaces.freePages();
        Message left = exit(p, 7);
        assertThat(rig.lookup(e)).isNull();
        assertThat(exits).containsExactly("svc:7");
        assertThat(rig.spaces.freePages()).isGreaterThan(free);
        assertThat(left.type()).as("never a reply").isEqualTo(SystemTask.SYS_EXIT);
    }

    @Test
    void aManagedProcessIsAbortedThroughItsManager() {
        Proc rs = rig.sys("rs");
        Proc p = rig.sys("svc");
        p.priv().bakSigMgr = rs.endpoint();
        exit(p, 3);
        assertThat(exits).isEmpty();
        assertThat(p.hasRts(RtsFlag.SIG_PENDING)).isTrue();
        assertThat(p.pendingSignals[0] & 1L << (Signals.SIGABRT - 1)).isNotZero();
        assertThat(rs.priv().sigPending[1] & 1L << (Signals.SIGKSIG - 1 - 64)).isNotZero();
    }
}
