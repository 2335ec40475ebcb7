package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBUSY;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_EXEC (0x601): after a new program image has been put into process {@code endpt}'s memory,
 * start it: the initial program counter, stack pointer and name (spec 6.2). Every other register
 * is cleared; EAX carries the ps_strings address to the new program.
 *
 * <p>Request ({@code m_lsys_krn_sys_exec}): endpt @8 (SELF allowed), stack @12, name @16 (a
 * string in the caller's memory; an unreadable one leaves the name alone), ip @20, ps_str @24.
 * A target blocked waiting for the answer to its exec request is released: the new image gets
 * no answer. A target blocked sending is EBUSY.
 * A process that execs itself gets no reply: its old message buffer belongs to the old image.
 */
final class ExecCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_exec.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_exec.stack")
    static final int STACK = 12;
    @Abi(msg = "m_lsys_krn_sys_exec.name")
    static final int NAME = 16;
    @Abi(msg = "m_lsys_krn_sys_exec.ip")
    static final int IP = 20;
    @Abi(msg = "m_lsys_krn_sys_exec.ps_str")
    static final int PS_STR = 24;
    /** Longest process name kept (MINIX PROC_NAME_LEN). */
    @Abi("PROC_NAME_LEN")
    static final int PROC_NAME_LEN = 16;

    private final Kernel kernel;

    ExecCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
        if (p == null) {
            return EINVAL;
        }
        if (p.hasRts(RtsFlag.SENDING)) {
            return EBUSY; // its old image's message sits in someone's caller queue
        }
        String name = CallArgs.string(kernel, caller, m.getInt(NAME), PROC_NAME_LEN - 1);
        Context c = p.context;
        int cr3 = c.cr3;
        c.copyFrom(new Context());
        c.cr3 = cr3;
        c.eip = m.getInt(IP);
        c.esp = m.getInt(STACK);
        c.eax = m.getInt(PS_STR);
        if (name != null) {
            p.setName(name);
        }
        // The old image waited for the answer to its exec request; the new one gets none.
        if (p.hasRts(RtsFlag.RECEIVING)) {
            p.getfromE = Endpoint.NONE;
            p.clearMisc(MiscFlag.REPLY_PEND);
            p.clearRts(RtsFlag.RECEIVING);
        }
        return p == caller ? DONT_REPLY : OK;
    }
}
