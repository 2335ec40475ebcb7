package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RunQueues;

/**
 * SYS_SCHEDULE (0x603): a user-space scheduler sets the queue and quantum of a process it
 * schedules (MINIX do_schedule); this also ends the NO_QUANTUM hold after SCHEDULING_NO_QUANTUM.
 *
 * <p>Request ({@code m_lsys_krn_schedule}): endpoint @8, quantum @12 (ticks; -1 keeps it),
 * priority @16 (queue 0-15; -1 keeps it), cpu @20 (ignored: one CPU), niced @24 (ignored). A bad
 * endpoint or value: EINVAL; the caller is not the process's scheduler: EPERM.
 */
final class ScheduleCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_schedule.endpoint")
    static final int ENDPOINT = 8;
    @Abi(msg = "m_lsys_krn_schedule.quantum")
    static final int QUANTUM = 12;
    @Abi(msg = "m_lsys_krn_schedule.priority")
    static final int PRIORITY = 16;
    @Abi(msg = "m_lsys_krn_schedule.cpu")
    static final int CPU = 20;
    @Abi("NR_SCHED_QUEUES")
    static final int NR_SCHED_QUEUES = RunQueues.NR_SCHED_QUEUES;

    private final Kernel kernel;

    ScheduleCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPOINT));
        int priority = m.getInt(PRIORITY);
        int quantum = m.getInt(QUANTUM);
        if (p == null || !validPriority(priority) || !validQuantum(quantum)) {
            return EINVAL;
        }
        if (p.scheduler != caller.endpoint()) {
            return EPERM;
        }
        kernel.scheduling().setSchedule(p, priority, quantum);
        return OK;
    }

    static boolean validPriority(int priority) {
        return priority == -1 || priority >= RunQueues.TASK_Q && priority < RunQueues.NR_SCHED_QUEUES;
    }

    static boolean validQuantum(int quantum) {
        return quantum == -1 || quantum >= 1;
    }
}
