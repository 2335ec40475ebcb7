package org.jinx.kernel.system;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_EXIT (0x635): a system process ends itself (MINIX do_exit). If it has a signal manager
 * (another process, or a backup one), the manager gets SIGABRT for it and decides, as in MINIX.
 * Otherwise, as for boot modules that nobody manages, the kernel ends it at once with the given
 * status, which it reports to whoever runs it. Never a reply.
 *
 * <p>Request ({@code m_lsys_krn_sys_exit}, a Jinx addition): status @8.
 */
final class ExitCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_exit.status")
    static final int STATUS = 8;

    private final Kernel kernel;

    ExitCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        if (kernel.signals().hasManager(caller)) {
            kernel.signals().causeSig(caller, Signals.SIGABRT);
        } else {
            kernel.terminate(caller, m.getInt(STATUS));
        }
        return DONT_REPLY;
    }
}
