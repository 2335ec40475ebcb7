package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ENOSPC;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.hw.PicControl;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.irq.IrqHooks;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_IRQCTL (0x613): a driver's interrupt hooks (spec 6.3). SETPOLICY links the caller to an
 * IRQ line with a notify id and answers with the hook id (index + 1); RMPOLICY, ENABLE and
 * DISABLE act on a hook id the caller owns. The clock (IRQ 0) and the cascade (IRQ 2) belong to
 * the kernel.
 *
 * <p>Request ({@code m_lsys_krn_sys_irqctl}): request @8, vector @12 (the IRQ line), policy @16
 * (IRQ_REENABLE), hook_id @20 (for SETPOLICY: the notify id, 0-31). Reply
 * ({@code m_krn_lsys_sys_irqctl}): hook_id @8. A bad line, notify id, hook id or request: EINVAL;
 * a line not granted (CHECK_IRQ), a kernel line, or another owner's hook: EPERM; no free hook:
 * ENOSPC.
 */
final class IrqctlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_irqctl.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_irqctl.vector")
    static final int VECTOR = 12;
    @Abi(msg = "m_lsys_krn_sys_irqctl.policy")
    static final int POLICY = 16;
    @Abi(msg = "m_lsys_krn_sys_irqctl.hook_id")
    static final int HOOK_ID = 20;
    @Abi(msg = "m_krn_lsys_sys_irqctl.hook_id")
    static final int REPLY_HOOK_ID = 8;

    @Abi("IRQ_SETPOLICY")
    static final int SETPOLICY = 1;
    @Abi("IRQ_RMPOLICY")
    static final int RMPOLICY = 2;
    @Abi("IRQ_ENABLE")
    static final int ENABLE = 3;
    @Abi("IRQ_DISABLE")
    static final int DISABLE = 4;
    @Abi("IRQ_REENABLE")
    static final int REENABLE = IrqHooks.IRQ_REENABLE;

    private final Kernel kernel;

    IrqctlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        int request = m.getInt(REQUEST);
        if (request == SETPOLICY) {
            return setPolicy(caller, m);
        }
        if (request != RMPOLICY && request != ENABLE && request != DISABLE) {
            return EINVAL;
        }
        int index = m.getInt(HOOK_ID) - 1;
        IrqHooks.Hook h = kernel.irqHooks().hook(index);
        if (h == null || h.irq() == -1) {
            return EINVAL;
        }
        if (h.owner() != caller.endpoint()) {
            return EPERM;
        }
        switch (request) {
            case RMPOLICY -> kernel.irqHooks().remove(index);
            case ENABLE -> kernel.irqHooks().enable(index);
            default -> kernel.irqHooks().disable(index);
        }
        return OK;
    }

    private int setPolicy(Proc caller, Message m) {
        int irq = m.getInt(VECTOR);
        int notifyId = m.getInt(HOOK_ID);
        if (irq < 0 || irq >= PicControl.NR_IRQS || notifyId < 0 || notifyId > 31) {
            return EINVAL;
        }
        if (irq == Kernel.CLOCK_IRQ || irq == PicControl.CASCADE_IRQ || !granted(caller.priv(), irq)) {
            return EPERM;
        }
        int index = kernel.irqHooks().setPolicy(caller.endpoint(), irq, m.getInt(POLICY) & REENABLE, notifyId);
        if (index == -1) {
            return ENOSPC;
        }
        m.setInt(REPLY_HOOK_ID, index + 1);
        return OK;
    }

    private static boolean granted(Priv pv, int irq) {
        return (pv.flags & PrivFlag.CHECK_IRQ) == 0 || pv.irqs.contains(irq);
    }
}
