package org.jinx.kernel.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.junit.jupiter.api.Test;

/** gdb thread ids: endpoint + 1, processes with a program only, never reused for another process. */
class ThreadIdsTest {
    private final PagedKernelRig rig = new PagedKernelRig();

    @Test
    void aThreadIdIsTheEndpointPlusOneAndFindsItsProcess() {
        Proc a = rig.sys("alpha");
        Proc b = rig.user("beta");
        assertThat(ThreadIds.of(a)).isEqualTo(a.endpoint() + 1).isPositive();
        assertThat(ThreadIds.of(b)).isEqualTo(b.endpoint() + 1);
        assertThat(ThreadIds.lookup(rig.kernel.procs(), ThreadIds.of(a))).isSameAs(a);
        assertThat(ThreadIds.lookup(rig.kernel.procs(), ThreadIds.of(b))).isSameAs(b);
    }

    @Test
    void onlyProcessesWithAProgramAreThreads() {
        Proc a = rig.sys("alpha");
        // The kernel tasks and the boot slots no module was loaded into (held by BOOTINHIBIT) are not.
        assertThat(ThreadIds.all(rig.kernel.procs())).containsExactly(a);
        assertThat(ThreadIds.isThread(rig.kernel.procs().slot(Endpoint.CLOCK))).isFalse();
        assertThat(ThreadIds.isThread(rig.kernel.procs().slot(Endpoint.PM))).isFalse();
        assertThat(ThreadIds.lookup(rig.kernel.procs(), Endpoint.PM + 1)).isNull();
    }

    @Test
    void aProcessInAReusedSlotGetsANewThreadIdAndTheOldOneIsDead() {
        Proc a = rig.sys("alpha");
        int slot = a.slot;
        int oldTid = ThreadIds.of(a);
        rig.kernel.clearProc(a);
        Proc b = rig.sys("beta");
        assertThat(b.slot).isEqualTo(slot);
        assertThat(ThreadIds.of(b)).isNotEqualTo(oldTid).isPositive();
        assertThat(ThreadIds.lookup(rig.kernel.procs(), oldTid)).isNull();
        assertThat(ThreadIds.lookup(rig.kernel.procs(), ThreadIds.of(b))).isSameAs(b);
    }

    @Test
    void zeroAndNegativeIdsNameNoProcess() {
        rig.sys("alpha");
        assertThat(ThreadIds.lookup(rig.kernel.procs(), 0)).isNull();
        assertThat(ThreadIds.lookup(rig.kernel.procs(), -1)).isNull();
        assertThat(ThreadIds.endpoint(0)).isEqualTo(Endpoint.NONE);
    }
}
