package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import java.util.Arrays;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SIGSEND (0x609): the signal manager makes a process run a signal handler (MINIX
 * do_sigsend). The kernel pushes a {@link SigFrame} below the process's stack pointer, holding
 * its registers as they are now, and points it at the handler; the handler returns into the
 * trampoline the manager named, which hands the sigcontext to SYS_SIGRETURN.
 *
 * <p>The frame starts at sm_stkptr (0: the process's own ESP) and is aligned so that the handler
 * is entered with ESP + 4 a multiple of 16, as the i386 System V ABI has every function entered.
 * EFLAGS' DF, TF and AC are cleared for the handler: the ABI requires DF clear at a call, and a
 * trace or alignment check of the interrupted code is not the handler's. The context counts as
 * replaced (MF_CONTEXT_SET), so a message delivered before the process runs leaves its EAX alone.
 *
 * <p>Request ({@code m_sigcalls}): endpt @24, sigctx @32 (a {@code struct sigmsg} in the
 * caller: sm_signo, sm_mask, sm_sighandler, sm_sigreturn, sm_stkptr). A bad endpoint: EINVAL; a
 * kernel task: EPERM; an unreadable sigmsg or a stack that cannot take the frame: EFAULT, and the
 * process is unchanged.
 */
final class SigsendCall implements KernelCall {
    @Abi(msg = "m_sigcalls.endpt")
    static final int ENDPT = 24;
    @Abi(msg = "m_sigcalls.sigctx")
    static final int SIGCTX = 32;

    private final Kernel kernel;
    private final byte[] sigmsg = new byte[SigFrame.SIGMSG_SIZE];
    private final byte[] frame = new byte[SigFrame.FRAME_SIZE];

    SigsendCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = kernel.procs().lookup(m.getInt(ENDPT));
        int checked = CallArgs.targetCheck(p);
        if (checked != OK) {
            return checked;
        }
        if (!kernel.memory().copyIn(caller.context.cr3, m.getInt(SIGCTX), sigmsg, 0, sigmsg.length).ok()) {
            return EFAULT;
        }
        Context c = p.context;
        int sp = SigFrame.get(sigmsg, SigFrame.SM_STKPTR);
        if (sp == 0) {
            sp = c.esp;
        }
        int at = (sp - SigFrame.FRAME_SIZE + 4 & ~0xF) - 4;
        Arrays.fill(frame, (byte) 0);
        SigFrame.put(frame, SigFrame.SF_RA, SigFrame.get(sigmsg, SigFrame.SM_SIGRETURN));
        SigFrame.put(frame, SigFrame.SF_SIGNUM, SigFrame.get(sigmsg, SigFrame.SM_SIGNO));
        SigFrame.put(frame, SigFrame.SF_SCP, at + SigFrame.SF_SC);
        SigFrame.saveRegisters(c, frame, SigFrame.SF_SC);
        System.arraycopy(sigmsg, SigFrame.SM_MASK, frame, SigFrame.SF_SC + SigFrame.SC_MASK, 16);
        SigFrame.put(frame, SigFrame.SF_SC + SigFrame.SC_MAGIC, SigFrame.MAGIC);
        if (Integer.compareUnsigned(at, sp) > 0
                || !kernel.memory().copyOut(c.cr3, at, frame, 0, frame.length).ok()) {
            return EFAULT; // the stack wrapped or is not writable
        }
        c.esp = at;
        c.eip = SigFrame.get(sigmsg, SigFrame.SM_SIGHANDLER);
        c.eflags &= ~(Eflags.DF | Eflags.TF | Eflags.AC);
        p.setMisc(MiscFlag.CONTEXT_SET);
        return OK;
    }
}
