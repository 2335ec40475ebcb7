package org.jinx.kernel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.kernel.PagedKernelRig.request;

import org.jinx.kernel.Errno;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.kernel.proc.Scheduling;
import org.junit.jupiter.api.Test;

class SchedctlCallTest {
    private final PagedKernelRig rig = new PagedKernelRig();
    private final Proc sched = rig.sys("sched");
    private final Proc p = rig.sys("p");

    private int schedctl(int flags, int endpoint, int priority, int quantum) {
        return rig.kcall(sched, request(SystemTask.SYS_SCHEDCTL, SchedctlCall.FLAGS, flags, SchedctlCall.ENDPOINT,
                endpoint, SchedctlCall.PRIORITY, priority, SchedctlCall.QUANTUM, quantum)).type();
    }

    @Test
    void theCallerBecomesTheSchedulerAndHearsOfEveryQuantumExpiry() {
        assertThat(schedctl(0, p.endpoint(), 0, 0)).isEqualTo(Errno.OK);
        rig.kernel.ipc().doIpc(sched, IpcCall.RECEIVE, Endpoint.ANY, PagedKernelRig.SCRATCH);
        p.ticksLeft = 1;
        rig.kernel.clock().tick(p);
        assertThat(p.hasRts(RtsFlag.NO_QUANTUM)).as("held until its scheduler decides").isTrue();
        assertThat(rig.kernel.dispatch(sched)).isTrue();
        Message m = new Message();
        rig.read(sched, PagedKernelRig.SCRATCH, m.buf);
        assertThat(m.type()).isEqualTo(Scheduling.SCHEDULING_NO_QUANTUM);
        assertThat(m.source()).isEqualTo(p.endpoint());
        assertThat(sched.context.ebx & IpcCall.FLG_MSG_FROM_KERNEL).as("sent by the kernel for p").isNotZero();
    }

    @Test
    void withTheKernelFlagTheKernelSchedulesAtTheGivenPriorityAndQuantum() {
        assertThat(schedctl(SchedctlCall.SCHEDCTL_FLAG_KERNEL, p.endpoint(), 9, 3)).isEqualTo(Errno.OK);
        assertThat(p.scheduler).isEqualTo(Endpoint.NONE);
        assertThat(p.priority()).isEqualTo(9);
        assertThat(p.quantumTicks).isEqualTo(3);
        assertThat(p.isRunnable()).isTrue();
        assertThat(rig.kernel.procs().runQueues().contains(p)).isTrue();
    }

    @Test
    void badValuesAreInvalid() {
        assertThat(schedctl(SchedctlCall.SCHEDCTL_FLAG_KERNEL, p.endpoint(), 16, 3)).isEqualTo(Errno.EINVAL);
        assertThat(schedctl(SchedctlCall.SCHEDCTL_FLAG_KERNEL, p.endpoint(), 4, 0)).isEqualTo(Errno.EINVAL);
        assertThat(schedctl(0, Endpoint.NONE, 4, 3)).isEqualTo(Errno.EINVAL);
    }
}
