package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_VTIMER (0x62D): read and set a process's virtual or profiling interval timer (MINIX
 * do_vtimer), on which PM builds setitimer(ITIMER_VIRTUAL/ITIMER_PROF). The kernel only counts
 * down and signals ({@link VirtualTimers}); the interval (re-arming) is PM's business.
 *
 * <p>Request (MINIX's VT_* fields, in the m2 layout): VT_WHICH = m2_i1 @16 (VT_VIRTUAL 1 or
 * VT_PROF 2), VT_SET = m2_i2 @20 (0: only read), VT_VALUE = m2_l1 @28 (ticks; 0 or less disarms),
 * VT_ENDPT = m2_l2 @32 (SELF allowed). Reply: VT_VALUE @28, the ticks that were left (0 if the
 * timer was not armed). Another timer or a bad endpoint: EINVAL; a kernel task, which is never
 * charged a tick: EINVAL too.
 */
final class VtimerCall implements KernelCall {
    @Abi(msg = "VT_WHICH")
    static final int WHICH = 16;
    @Abi(msg = "VT_SET")
    static final int SET = 20;
    @Abi(msg = "VT_VALUE")
    static final int VALUE = 28;
    @Abi(msg = "VT_ENDPT")
    static final int ENDPT = 32;
    @Abi
    static final int VT_VIRTUAL = 1;
    @Abi
    static final int VT_PROF = 2;
    @Abi
    static final int SIGVTALRM = 26;
    @Abi
    static final int SIGPROF = 27;

    private final Kernel kernel;
    private final VirtualTimers timers;

    VtimerCall(Kernel kernel, VirtualTimers timers) {
        this.kernel = kernel;
        this.timers = timers;
    }

    @Override
    public int call(Proc caller, Message m) {
        int which = m.getInt(WHICH);
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
        if (which != VT_VIRTUAL && which != VT_PROF || p == null) {
            return EINVAL;
        }
        int timer = which == VT_VIRTUAL ? VirtualTimers.VIRTUAL : VirtualTimers.PROF;
        long old = timers.get(p, timer);
        if (m.getInt(SET) != 0) {
            timers.set(p, timer, m.getInt(VALUE));
        }
        m.setInt(VALUE, (int) old);
        return OK;
    }
}
