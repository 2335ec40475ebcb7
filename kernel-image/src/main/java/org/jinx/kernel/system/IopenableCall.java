package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_IOPENABLE (0x61C): give a process direct I/O privilege by setting IOPL to 3 in its saved
 * EFLAGS (MINIX do_iopenable, enable_iop). At CPL 3 with IOPL 3 the 386 lets IN, OUT, INS and
 * OUTS through without consulting the TSS bitmap, so the process no longer needs SYS_DEVIO.
 *
 * <p>This is MINIX's trade-off and Jinx keeps it: IOPL 3 also allows CLI and STI, and the ports
 * are no longer filtered by {@link PortPolicy}, so such a process can reprogram the PIC and the
 * PIT or stop the clock. Only processes given the call in their mask can ask for it. The
 * privilege is the process's: it survives traps and is inherited by SYS_FORK, which copies the
 * saved registers.
 *
 * <p>Request ({@code m_lsys_krn_sys_iopenable}): endpt @8 (SELF allowed). A bad endpoint:
 * EINVAL; a kernel task (which never runs): EPERM.
 */
final class IopenableCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_iopenable.endpt")
    static final int ENDPT = 8;

    private final Kernel kernel;

    IopenableCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.process(kernel, caller, m.getInt(ENDPT));
        int checked = CallArgs.targetCheck(p);
        if (checked != OK) {
            return checked;
        }
        p.context.eflags |= Eflags.IOPL;
        return OK;
    }
}
