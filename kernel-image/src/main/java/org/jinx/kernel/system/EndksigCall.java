package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_ENDKSIG (0x608): the signal manager has dealt with process {@code endpt}'s signals; it may
 * run again, unless a new signal arrived meanwhile (then SIGNALED is set again and the manager
 * has been told).
 *
 * <p>Request ({@code m_sigcalls}): endpt @24. Not a process with signals pending: EINVAL; the
 * caller is not its manager: EPERM.
 */
final class EndksigCall implements KernelCall {
    @Abi(msg = "m_sigcalls.endpt")
    static final int ENDPT = 24;

    private final Kernel kernel;

    EndksigCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = kernel.procs().lookup(m.getInt(ENDPT));
        if (p == null || !p.hasRts(RtsFlag.SIG_PENDING) || p.priv() == null) {
            return EINVAL;
        }
        if (p.priv().sigMgr != caller.endpoint()) {
            return EPERM;
        }
        if (!p.hasRts(RtsFlag.SIGNALED)) {
            p.clearRts(RtsFlag.SIG_PENDING);
        }
        return OK;
    }
}
