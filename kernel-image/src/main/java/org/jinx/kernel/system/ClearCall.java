package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_CLEAR (0x602): PM or RS tears down a process that has exited (spec 3.10): IPC cleanup,
 * IRQ hooks, alarm, address space, then the slot is freed.
 *
 * <p>Request ({@code m_lsys_krn_sys_clear}): endpt @8, the dying process. Reply: m_type only.
 */
final class ClearCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_clear.endpt")
    static final int ENDPT = Message.PAYLOAD;

    private final Kernel kernel;

    ClearCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc x = kernel.procs().lookup(m.getInt(ENDPT));
        int checked = CallArgs.targetCheck(x);
        if (checked != OK) {
            return checked;
        }
        kernel.clearProc(x);
        return x == caller ? DONT_REPLY : OK;
    }
}
