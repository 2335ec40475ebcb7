package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_GETMCONTEXT (0x632): fill in the kernel's part of a process's machine context (MINIX
 * do_getmcontext): its FPU state. Jinx's CPU has no FPU yet, so no process has ever used one,
 * and the answer is MINIX's answer for such a process: mc_flags = 0 (no _MC_FPU_SAVED), with
 * the rest of the structure written back as it was. See {@link Mcontext} for the layout and
 * errors.
 */
final class GetmcontextCall implements KernelCall {
    private final Mcontext mcontext;

    GetmcontextCall(Kernel kernel) {
        this.mcontext = new Mcontext(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int r = mcontext.read(m);
        if (r != OK) {
            return r;
        }
        mcontext.setFlags(0);
        return mcontext.write(m);
    }
}
