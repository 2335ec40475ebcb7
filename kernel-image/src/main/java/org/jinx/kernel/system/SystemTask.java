package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBADREQUEST;
import static org.jinx.kernel.Errno.ECALLDENIED;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.mem.GuestMemory;

/**
 * Kernel calls (INT 0x20, spec 1.4 and 6.1). EAX points at a 64-byte request; its m_type is
 * SYS_xxx = 0x600 + n. Dispatch checks the number's range, then the caller's call mask, then
 * that the call exists, and only then runs the handler, so handlers never check privileges
 * again. The reply goes back into the same message with m_source = SYSTEM and m_type = result;
 * EAX is left alone. DONT_REPLY and SUSPEND are finished here, nowhere else.
 */
public final class SystemTask {
    public static final int KERNEL_CALL = 0x600;
    public static final int NR_SYS_CALLS = 58;

    public static final int SYS_FORK = KERNEL_CALL;
    public static final int SYS_EXEC = KERNEL_CALL + 1;
    public static final int SYS_CLEAR = KERNEL_CALL + 2;
    public static final int SYS_PRIVCTL = KERNEL_CALL + 4;
    public static final int SYS_UPDATE = KERNEL_CALL + 52;
    public static final int SYS_EXIT = KERNEL_CALL + 53;

    private final Kernel kernel;
    private final KernelCall[] calls = new KernelCall[NR_SYS_CALLS];
    private final Message msg = new Message();

    public SystemTask(Kernel kernel) {
        this.kernel = kernel;
        registerCalls();
    }

    /** The call table: one line per call. */
    private void registerCalls() {
        map(SYS_CLEAR, new ClearCall(kernel));     // tear down an exited process
    }

    private void map(int sysCall, KernelCall handler) {
        int n = sysCall - KERNEL_CALL;
        if (n < 0 || n >= NR_SYS_CALLS || calls[n] != null) {
            throw new IllegalStateException("bad kernel-call registration 0x" + Integer.toHexString(sysCall));
        }
        calls[n] = handler;
    }

    /** INT 0x20 from {@code caller}. */
    public void kernelCall(Proc caller) {
        int ptr = caller.context.eax;
        int space = caller.context.cr3;
        GuestMemory mem = kernel.memory();
        if (!mem.copyIn(space, ptr, msg.buf, 0, Message.SIZE).ok()) {
            kernel.signals().causeSig(caller, Signals.SIGSEGV);
            return;
        }
        msg.setSource(caller.endpoint());
        int result = dispatch(caller, msg);
        if (result == KernelCall.DONT_REPLY) {
            return;
        }
        if (result == KernelCall.SUSPEND) {
            caller.kcallMsg.copyFrom(msg);
            caller.setMisc(MiscFlag.KCALL_RESUME);
            caller.setRts(RtsFlag.VMREQUEST);
            return;
        }
        msg.setSource(Endpoint.SYSTEM);
        msg.setType(result);
        if (!mem.copyOut(space, ptr, msg.buf, 0, Message.SIZE).ok()) {
            kernel.signals().causeSig(caller, Signals.SIGSEGV);
        }
    }

    /** Range, then mask, then existence, then the handler (MINIX kernel_call_dispatch). */
    int dispatch(Proc caller, Message m) {
        int n = m.type() - KERNEL_CALL;
        if (n < 0 || n >= NR_SYS_CALLS) {
            return EBADREQUEST;
        }
        if (caller.priv() == null || !caller.priv().mayCall(n)) {
            return ECALLDENIED;
        }
        if (calls[n] == null) {
            return EBADREQUEST;
        }
        return calls[n].call(caller, m);
    }
}
