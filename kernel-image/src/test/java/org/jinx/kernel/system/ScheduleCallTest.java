package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.junit.jupiter.api.Test;

class ScheduleCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc sched = rig.sys("sched");
    private final Proc p = rig.sys("p");

    private int schedule(Proc caller, int endpoint, int priority, int quantum) {
        return rig.kcall(caller, request(SystemTask.SYS_SCHEDULE, ScheduleCall.ENDPOINT, endpoint,
                ScheduleCall.PRIORITY, priority, ScheduleCall.QUANTUM, quantum)).type();
    }

    @Test
    void theSchedulerGivesANewQuantumAndQueueAndThatEndsTheHold() {
        p.scheduler = sched.endpoint();
        p.setRts(RtsFlag.NO_QUANTUM);
        assertThat(schedule(sched, p.endpoint(), 12, 5)).isEqualTo(Errno.OK);
        assertThat(p.isRunnable()).isTrue();
        assertThat(p.priority()).isEqualTo(12);
        assertThat(p.quantumTicks).isEqualTo(5);
        assertThat(p.ticksLeft).isEqualTo(5);
    }

    @Test
    void minusOneKeepsAValue() {
        p.scheduler = sched.endpoint();
        int q = p.quantumTicks;
        assertThat(schedule(sched, p.endpoint(), 6, -1)).isEqualTo(Errno.OK);
        assertThat(p.quantumTicks).isEqualTo(q);
        assertThat(p.priority()).isEqualTo(6);
    }

    @Test
    void onlyTheProcessesSchedulerMaySchedule() {
        Proc other = rig.sys("other");
        p.scheduler = sched.endpoint();
        assertThat(schedule(other, p.endpoint(), 6, 5)).isEqualTo(Errno.EPERM);
    }

    @Test
    void outOfRangeValuesAreInvalid() {
        p.scheduler = sched.endpoint();
        assertThat(schedule(sched, p.endpoint(), -2, 5)).isEqualTo(Errno.EINVAL);
        assertThat(schedule(sched, p.endpoint(), 16, 5)).isEqualTo(Errno.EINVAL);
        assertThat(schedule(sched, p.endpoint(), 5, 0)).isEqualTo(Errno.EINVAL);
    }
}
