package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SETMCONTEXT (0x633): install the kernel's part of a machine context (MINIX
 * do_setmcontext): the FPU state, when mc_flags has _MC_FPU_SAVED. Jinx's CPU has no FPU yet, so
 * a context without FPU state is accepted and changes nothing (MINIX would mark the FPU as not
 * initialised), and a context that carries FPU state is refused with EINVAL rather than silently
 * dropped. See {@link Mcontext} for the layout and the other errors.
 */
final class SetmcontextCall implements KernelCall {
    private final Mcontext mcontext;

    SetmcontextCall(Kernel kernel) {
        this.mcontext = new Mcontext(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int r = mcontext.read(m);
        if (r != OK) {
            return r;
        }
        return (mcontext.flags() & Mcontext.MC_FPU_SAVED) != 0 ? EINVAL : OK;
    }
}
