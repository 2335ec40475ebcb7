package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * What SYS_GETMCONTEXT and SYS_SETMCONTEXT share: the request layout, the argument checks and
 * the {@code mcontext_t} in the target's memory. As in MINIX the kernel's part of a machine
 * context is the FPU state only; the general registers are filled and restored by the C library
 * itself (getcontext/setcontext), so the kernel leaves __gregs alone.
 *
 * <p>Request ({@code m_lsys_krn_sys_getmcontext} / {@code ..._setmcontext}): endpt @8, ctx_ptr
 * @12 (an {@code mcontext_t} in endpt's memory). A bad endpoint: EINVAL; a kernel task: EPERM;
 * a context that cannot be read (or written back): EFAULT.
 */
final class Mcontext {
    @Abi(msg = "m_lsys_krn_sys_getmcontext.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_getmcontext.ctx_ptr")
    static final int CTX_PTR = 12;
    @Abi(msg = "m_lsys_krn_sys_setmcontext.endpt")
    static final int SET_ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_setmcontext.ctx_ptr")
    static final int SET_CTX_PTR = 12;

    @Abi(offsetOf = "mcontext_t.mc_flags")
    static final int MC_FLAGS = 724;
    @Abi(sizeOf = "mcontext_t")
    static final int SIZE = 732;
    /** mc_flags: __fpregs holds a saved FPU state. */
    @Abi("_MC_FPU_SAVED")
    static final int MC_FPU_SAVED = 0x1;

    private final Kernel kernel;
    final byte[] mc = new byte[SIZE];
    /** The process whose context {@link #read} fetched. */
    Proc target;

    Mcontext(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Checks the request and reads the target's mcontext_t into {@link #mc}; returns OK or the error. */
    int read(Message m) {
        target = kernel.procs().lookup(m.getInt(ENDPT));
        int checked = CallArgs.targetCheck(target);
        if (checked != OK) {
            return checked;
        }
        return kernel.memory().copyIn(target.context.cr3, m.getInt(CTX_PTR), mc, 0, SIZE).ok() ? OK : EFAULT;
    }

    int write(Message m) {
        return kernel.memory().copyOut(target.context.cr3, m.getInt(CTX_PTR), mc, 0, SIZE).ok() ? OK : EFAULT;
    }

    int flags() {
        return SigFrame.get(mc, MC_FLAGS);
    }

    void setFlags(int flags) {
        SigFrame.put(mc, MC_FLAGS, flags);
    }
}
