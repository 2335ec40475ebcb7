package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EAGAIN;
import static org.jinx.kernel.Errno.EBUSY;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ENOMEM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_FORK (0x600): a copy of process {@code endpt} in a new slot, with the slot's next
 * generation (spec 6.2). The child gets the parent's registers and a copy of every page (there is
 * no VM server to share them copy-on-write). A child of a system process gets the shared user
 * privileges and NO_PRIV, so it runs only once someone grants it (SYS_PRIVCTL); a child of a user
 * process shares the user structure at once. A parent waiting in RECEIVE (PM forking a process
 * blocked in its SENDREC) leaves the child waiting the same way, so the reply wakes it.
 *
 * <p>Request ({@code m_lsys_krn_sys_fork}): endpt @8 the parent (SELF allowed), slot @12 the
 * child's slot or NONE for the first free one, flags @16. Reply ({@code m_krn_lsys_sys_fork}):
 * endpt @8 the child. A process that forks itself resumes twice; the child's copy of the reply
 * says endpt = SELF.
 */
final class ForkCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_fork.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_fork.slot")
    static final int SLOT = 12;
    @Abi(msg = "m_lsys_krn_sys_fork.flags")
    static final int FLAGS = 16;
    @Abi(msg = "m_krn_lsys_sys_fork.endpt")
    static final int CHILD = 8;

    private final Kernel kernel;

    ForkCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc parent = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
        if (parent == null) {
            return EINVAL;
        }
        int slot = m.getInt(SLOT);
        Proc child;
        if (slot == Endpoint.NONE) {
            child = kernel.procs().freeSlot();
            if (child == null) {
                return EAGAIN;
            }
        } else {
            if (slot < 0 || slot >= Endpoint.NR_PROCS || !kernel.procs().slot(slot).isFree()) {
                return EINVAL;
            }
            child = kernel.procs().slot(slot);
        }
        if (parent.hasRts(RtsFlag.SENDING) || !parent.ownsSpace) {
            return EBUSY; // a queued send cannot be duplicated; a borrowed address space cannot be copied
        }
        int space = kernel.spaces().fork(parent.context.cr3);
        if (space == -1) {
            return ENOMEM;
        }
        makeChild(parent, child, space);
        m.setInt(CHILD, child.endpoint());
        if (parent == caller) {
            tellChildItIsTheChild(caller, child);
        }
        return OK;
    }

    private void makeChild(Proc parent, Proc child, int space) {
        kernel.procs().claim(child, false, RtsFlag.NO_PRIV, parent.name());
        child.context.copyFrom(parent.context);
        child.context.cr3 = space;
        child.ownsSpace = true;
        child.quantumTicks = parent.quantumTicks;
        child.ticksLeft = parent.quantumTicks;
        boolean fromSystem = CallArgs.hasSystemPriv(parent);
        if (fromSystem) {
            kernel.setUserPriv(child);
        } else {
            child.setPriv(parent.priv());
            child.setPriority(parent.priority());
        }
        if (parent.hasRts(RtsFlag.RECEIVING)) {
            child.getfromE = parent.getfromE;
            child.delivermsgVir = parent.delivermsgVir;
            if (parent.hasMisc(MiscFlag.REPLY_PEND)) {
                child.setMisc(MiscFlag.REPLY_PEND);
            }
            child.setRts(RtsFlag.RECEIVING);
        }
        if (!fromSystem) {
            kernel.allow(child);
        }
    }

    /** The child's copy of the request becomes its reply: OK, endpt = SELF. */
    private void tellChildItIsTheChild(Proc caller, Proc child) {
        Message reply = new Message();
        int ptr = caller.context.eax;
        if (kernel.memory().copyIn(child.context.cr3, ptr, reply.buf, 0, Message.SIZE).ok()) {
            reply.setSource(Endpoint.SYSTEM);
            reply.setType(OK);
            reply.setInt(CHILD, Endpoint.SELF);
            kernel.memory().copyOut(child.context.cr3, ptr, reply.buf, 0, Message.SIZE);
        }
    }
}
