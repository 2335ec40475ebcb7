package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SIGRETURN (0x60A): a process returns from a signal handler (MINIX do_sigreturn). The
 * sigcontext SYS_SIGSEND saved, read from the process's own memory, becomes its registers again:
 * the general registers, EIP and ESP as saved, EFLAGS only in the bits a process may change
 * ({@link Eflags#USER}), so a forged sigcontext cannot raise IOPL, clear IF or set VM/NT. The
 * selectors are not taken (flat ring 3 only). The context counts as replaced (MF_CONTEXT_SET): a
 * reply delivered before the process runs does not overwrite the restored EAX.
 *
 * <p>Request ({@code m_sigcalls}): endpt @24 (the process; as in MINIX, SELF is not an endpoint
 * here), sigctx @32 (its {@code struct sigcontext}). A bad endpoint or a sigcontext without the
 * kernel's magic: EINVAL; a kernel task: EPERM; an unreadable sigcontext: EFAULT.
 */
final class SigreturnCall implements KernelCall {
    private final Kernel kernel;
    private final byte[] sc = new byte[SigFrame.SIGCONTEXT_SIZE];

    SigreturnCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = kernel.procs().lookup(m.getInt(SigsendCall.ENDPT));
        int checked = CallArgs.targetCheck(p);
        if (checked != OK) {
            return checked;
        }
        if (!kernel.memory().copyIn(p.context.cr3, m.getInt(SigsendCall.SIGCTX), sc, 0, sc.length).ok()) {
            return EFAULT;
        }
        if (SigFrame.get(sc, SigFrame.SC_MAGIC) != SigFrame.MAGIC) {
            return EINVAL;
        }
        SigFrame.loadRegisters(p.context, sc, 0);
        p.setMisc(MiscFlag.CONTEXT_SET);
        return OK;
    }
}
