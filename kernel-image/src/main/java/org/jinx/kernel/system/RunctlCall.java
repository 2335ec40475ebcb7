package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBUSY;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_RUNCTL (0x62E): stop or resume a process (MINIX do_runctl), for signal managers and
 * debuggers. With RC_DELAY a process in the middle of a send is not stopped: the call answers
 * EBUSY and the kernel raises SIGSNDELAY for it once its message has been taken, so the manager
 * can try again at a clean point.
 *
 * <p>Request ({@code m_lsys_krn_runctl}): endpt @8, action @12 (RC_STOP, RC_RESUME), flags @16
 * (RC_DELAY). A bad endpoint or action: EINVAL.
 */
final class RunctlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_runctl.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_lsys_krn_runctl.action")
    static final int ACTION = 12;
    @Abi(msg = "m_lsys_krn_runctl.flags")
    static final int FLAGS = 16;
    @Abi
    static final int RC_STOP = 0;
    @Abi
    static final int RC_RESUME = 1;
    @Abi
    static final int RC_DELAY = 1;

    private final Kernel kernel;

    RunctlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
        int action = m.getInt(ACTION);
        if (p == null || action != RC_STOP && action != RC_RESUME) {
            return EINVAL;
        }
        if (action == RC_RESUME) {
            p.clearRts(RtsFlag.P_STOP);
            return OK;
        }
        if ((m.getInt(FLAGS) & RC_DELAY) != 0 && p.hasRts(RtsFlag.SENDING)) {
            p.setMisc(MiscFlag.SIG_DELAY);
            return EBUSY;
        }
        p.setRts(RtsFlag.P_STOP);
        return OK;
    }
}
