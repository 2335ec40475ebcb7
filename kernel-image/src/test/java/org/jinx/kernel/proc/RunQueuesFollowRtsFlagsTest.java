package org.jinx.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jinx.kernel.KernelRig;
import org.junit.jupiter.api.Test;

/** A process is in a run queue exactly when it has no RTS flag; higher priority runs first. */
class RunQueuesFollowRtsFlagsTest {
    private final KernelRig rig = new KernelRig();
    private final RunQueues rq = rig.kernel.procs().runQueues();

    @Test
    void settingTheFirstFlagDequeuesClearingTheLastEnqueues() {
        Proc a = rig.sys("a");
        assertThat(rq.contains(a)).isTrue();
        a.setRts(RtsFlag.SENDING);
        assertThat(rq.contains(a)).isFalse();
        a.setRts(RtsFlag.RECEIVING);
        a.clearRts(RtsFlag.SENDING);
        assertThat(rq.contains(a)).as("RECEIVING still set").isFalse();
        a.clearRts(RtsFlag.RECEIVING);
        assertThat(rq.contains(a)).isTrue();
        a.clearRts(RtsFlag.RECEIVING);
        assertThat(rq.contains(a)).as("clearing an unset flag changes nothing").isTrue();
    }

    @Test
    void pickTakesTheHighestPriorityQueueHeadFirst() {
        Proc a = rig.sys("a");
        Proc u = rig.user("u");
        Proc b = rig.sys("b");
        assertThat(rq.pick()).isSameAs(a);
        a.setRts(RtsFlag.P_STOP);
        assertThat(rq.pick()).isSameAs(b);
        b.setRts(RtsFlag.P_STOP);
        assertThat(rq.pick()).isSameAs(u);
        a.clearRts(RtsFlag.P_STOP);
        assertThat(rq.pick()).isSameAs(a);
    }

    @Test
    void unblockedProcessJoinsTheTail() {
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        a.setRts(RtsFlag.P_STOP);
        a.clearRts(RtsFlag.P_STOP);
        assertThat(rq.pick()).isSameAs(b);
    }

    @Test
    void priorityCannotChangeWhileRunnable() {
        Proc a = rig.sys("a");
        assertThatThrownBy(() -> a.setPriority(2)).isInstanceOf(IllegalStateException.class);
        a.setRts(RtsFlag.NO_QUANTUM);
        a.setPriority(2);
        a.clearRts(RtsFlag.NO_QUANTUM);
        assertThat(rq.pick()).isSameAs(a);
    }

    @Test
    void freedSlotLeavesTheQueue() {
        Proc a = rig.sys("a");
        rig.kernel.clearProc(a);
        assertThat(rq.contains(a)).isFalse();
        assertThat(a.rts()).isEqualTo(RtsFlag.SLOT_FREE.bit);
    }
}
