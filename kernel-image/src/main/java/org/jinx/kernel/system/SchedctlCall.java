package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SCHEDCTL (0x636): choose who schedules a process (MINIX do_schedctl). Without
 * SCHEDCTL_FLAG_KERNEL the caller becomes the process's scheduler: from then on the process's
 * quantum expiries go to the caller as SCHEDULING_NO_QUANTUM. With it, the kernel schedules the
 * process itself, at the given priority and quantum.
 *
 * <p>Request ({@code m_lsys_krn_schedctl}): flags @8, endpoint @12, quantum @16, priority @20,
 * cpu @24 (ignored). A bad endpoint, priority or quantum: EINVAL.
 */
final class SchedctlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_schedctl.flags")
    static final int FLAGS = 8;
    @Abi(msg = "m_lsys_krn_schedctl.endpoint")
    static final int ENDPOINT = 12;
    @Abi(msg = "m_lsys_krn_schedctl.quantum")
    static final int QUANTUM = 16;
    @Abi(msg = "m_lsys_krn_schedctl.priority")
    static final int PRIORITY = 20;
    @Abi(msg = "m_lsys_krn_schedctl.cpu")
    static final int CPU = 24;
    @Abi
    static final int SCHEDCTL_FLAG_KERNEL = 1;

    private final Kernel kernel;

    SchedctlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPOINT));
        if (p == null) {
            return EINVAL;
        }
        if ((m.getInt(FLAGS) & SCHEDCTL_FLAG_KERNEL) == 0) {
            p.scheduler = caller.endpoint();
            return OK;
        }
        int priority = m.getInt(PRIORITY);
        int quantum = m.getInt(QUANTUM);
        if (!ScheduleCall.validPriority(priority) || !ScheduleCall.validQuantum(quantum)) {
            return EINVAL;
        }
        p.scheduler = Endpoint.NONE;
        kernel.scheduling().setSchedule(p, priority, quantum);
        return OK;
    }
}
