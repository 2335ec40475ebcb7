package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_GETKSIG (0x607): a signal manager, told by SIGKSIG, fetches one process it manages that
 * has kernel signals pending (MINIX do_getksig). The process's pending set moves into the reply
 * and SIGNALED is cleared; it stays stopped (SIG_PENDING) until SYS_ENDKSIG.
 *
 * <p>Reply ({@code m_sigcalls}): endpt @24, the process, or NONE if there is none; map @8, its
 * signals (signal n is bit n-1).
 */
final class GetksigCall implements KernelCall {
    @Abi(msg = "m_sigcalls.endpt")
    static final int ENDPT = 24;
    @Abi(msg = "m_sigcalls.map")
    static final int MAP = 8;

    private final Kernel kernel;

    GetksigCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        for (Proc p : kernel.procs().live()) {
            if (p.hasRts(RtsFlag.SIGNALED) && p.priv() != null && p.priv().sigMgr == caller.endpoint()) {
                m.setInt(ENDPT, p.endpoint());
                m.setLong(MAP, p.pendingSignals[0]);
                m.setLong(MAP + 8, p.pendingSignals[1]);
                p.pendingSignals[0] = 0;
                p.pendingSignals[1] = 0;
                p.clearRts(RtsFlag.SIGNALED);
                return OK;
            }
        }
        m.setInt(ENDPT, Endpoint.NONE);
        return OK;
    }
}
