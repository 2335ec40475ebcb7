package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_KILL (0x606): cause signal {@code sig} in process {@code endpt} (MINIX do_kill), through
 * its signal manager, or as a SYSTEM notification if it manages its own signals.
 *
 * <p>Request ({@code m_sigcalls}): endpt @24, sig @28. A bad endpoint or signal number is EINVAL;
 * a kernel task is EPERM.
 */
final class KillCall implements KernelCall {
    @Abi(msg = "m_sigcalls.endpt")
    static final int ENDPT = 24;
    @Abi(msg = "m_sigcalls.sig")
    static final int SIG = 28;

    private final Kernel kernel;

    KillCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = kernel.procs().lookup(m.getInt(ENDPT));
        int sig = m.getInt(SIG);
        if (p == null) {
            return EINVAL;
        }
        if (sig < 1 || sig > Signals.MAX_SIGNAL) {
            return EINVAL;
        }
        if (p.isTask()) {
            return EPERM;
        }
        kernel.signals().causeSig(p, sig);
        return p.isFree() && p == caller ? DONT_REPLY : OK;
    }
}
