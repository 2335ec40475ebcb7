package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_ABORT (0x61B): the system asks to stop (MINIX do_abort): halt, reboot, panic, power off or
 * reset. The kernel passes the request to whoever runs it ({@link Kernel.Events#shutdown}), which
 * stops the machine; the caller gets its reply first.
 *
 * <p>Request ({@code m_lsys_krn_sys_abort}): how @8. An unknown value: EINVAL.
 */
final class AbortCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_abort.how")
    static final int HOW = 8;

    @Abi
    static final int RBT_HALT = 0;
    @Abi
    static final int RBT_REBOOT = 1;
    @Abi
    static final int RBT_PANIC = 2;
    @Abi
    static final int RBT_POWEROFF = 4;
    @Abi
    static final int RBT_RESET = 5;

    private final Kernel kernel;

    AbortCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        int how = m.getInt(HOW);
        if (how != RBT_HALT && how != RBT_REBOOT && how != RBT_PANIC && how != RBT_POWEROFF && how != RBT_RESET) {
            return EINVAL;
        }
        kernel.log().accept(caller + " asked for shutdown (how " + how + ")");
        kernel.events().shutdown(how);
        return OK;
    }
}
