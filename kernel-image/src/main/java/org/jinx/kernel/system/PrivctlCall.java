package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBUSY;
import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ENOMEM;
import static org.jinx.kernel.Errno.ENOSPC;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.hw.PicControl;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_PRIVCTL (0x604): RS grants and narrows privileges (spec 6.2). Sub-operations: ALLOW and
 * DISALLOW lift and set NO_PRIV; SET_SYS gives a system privilege structure, with SET_SYS's
 * defaults when arg_ptr is 0 or from a {@code struct sys_priv_init} at arg_ptr ({@link PrivInit});
 * SET_USER gives
 * the shared user structure; ADD_IO, ADD_MEM and ADD_IRQ add an allowance (and turn its check
 * on); CLEAR_IPC_REFS releases everything waiting on the target (3.10's light variant). SET_SYS
 * and SET_USER need the target held by NO_PRIV; the ADD_* need a system structure.
 *
 * <p>Request ({@code m_lsys_krn_sys_privctl}): endpt @8 (SELF allowed), request @12, arg_ptr @16.
 */
final class PrivctlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_privctl.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_privctl.request")
    static final int REQUEST = 12;
    @Abi(msg = "m_lsys_krn_sys_privctl.arg_ptr")
    static final int ARG_PTR = 16;

    @Abi("SYS_PRIV_ALLOW")
    static final int ALLOW = 1;
    @Abi("SYS_PRIV_DISALLOW")
    static final int DISALLOW = 2;
    @Abi("SYS_PRIV_SET_SYS")
    static final int SET_SYS = 3;
    @Abi("SYS_PRIV_SET_USER")
    static final int SET_USER = 4;
    @Abi("SYS_PRIV_ADD_IO")
    static final int ADD_IO = 5;
    @Abi("SYS_PRIV_ADD_MEM")
    static final int ADD_MEM = 6;
    @Abi("SYS_PRIV_ADD_IRQ")
    static final int ADD_IRQ = 7;
    @Abi("SYS_PRIV_CLEAR_IPC_REFS")
    static final int CLEAR_IPC_REFS = 11;

    /** Allowance table sizes (MINIX NR_IO_RANGE, NR_MEM_RANGE, NR_IRQ). */
    static final int NR_IO_RANGE = 64, NR_MEM_RANGE = 20, NR_IRQ = 16;

    private final Kernel kernel;

    PrivctlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
        if (p == null) {
            return EINVAL;
        }
        int arg = m.getInt(ARG_PTR);
        return switch (m.getInt(REQUEST)) {
            case ALLOW -> allow(p);
            case DISALLOW -> disallow(p);
            case SET_SYS -> setSys(caller, p, arg);
            case SET_USER -> setUser(p);
            case ADD_IO -> addRange(caller, p, arg, true);
            case ADD_MEM -> addRange(caller, p, arg, false);
            case ADD_IRQ -> addIrq(caller, p, arg);
            case CLEAR_IPC_REFS -> clearIpcRefs(p);
            default -> EINVAL;
        };
    }

    private int allow(Proc p) {
        if (!p.hasRts(RtsFlag.NO_PRIV) || p.priv() == null) {
            return EPERM;
        }
        p.clearRts(RtsFlag.NO_PRIV);
        return OK;
    }

    private int disallow(Proc p) {
        if (p.hasRts(RtsFlag.NO_PRIV) || p.priv() == null) {
            return EPERM;
        }
        p.setRts(RtsFlag.NO_PRIV);
        return OK;
    }

    private int setSys(Proc caller, Proc p, int arg) {
        if (!p.hasRts(RtsFlag.NO_PRIV)) {
            return EPERM;
        }
        byte[] init = new byte[PrivInit.INIT_SIZE];
        if (arg != 0 && !kernel.memory().copyIn(caller.context.cr3, arg, init, 0, PrivInit.INIT_SIZE).ok()) {
            return EFAULT;
        }
        int wantedId = arg == 0 ? -1 : le32(init, PrivInit.INIT_ID);
        Priv pv = CallArgs.hasSystemPriv(p) ? p.priv() : null;
        if (pv == null) {
            if (wantedId >= 0) {
                if (wantedId >= PrivTable.USER_PRIV_ID || wantedId < PrivTable.staticId(0)) {
                    return EINVAL; // only boot processes' static ids can be asked for
                }
                if (!kernel.privs().get(wantedId).isFree()) {
                    return EBUSY;
                }
            } else if (kernel.privs().freeDynamic() == 0) {
                return ENOSPC;
            }
            pv = kernel.setSystemPriv(p, wantedId);
        }
        // A new owner must not inherit stale pending bits (3.10).
        pv.notifyPending = 0;
        pv.asynPending = 0;
        if (arg != 0) {
            PrivInit.apply(kernel.privs(), pv, init);
        }
        return OK;
    }

    private int setUser(Proc p) {
        if (!p.hasRts(RtsFlag.NO_PRIV)) {
            return EPERM;
        }
        Priv old = p.priv();
        if (old != null && old.id != PrivTable.USER_PRIV_ID) {
            kernel.clock().cancelAlarm(old.id);
            kernel.privs().release(old);
        }
        kernel.setUserPriv(p);
        return OK;
    }

    /** ADD_IO reads a struct io_range {base, limit}; ADD_MEM a struct minix_mem_range {base, limit}. */
    private int addRange(Proc caller, Proc p, int arg, boolean io) {
        if (!CallArgs.hasSystemPriv(p)) {
            return EPERM;
        }
        byte[] r = new byte[8];
        if (!kernel.memory().copyIn(caller.context.cr3, arg, r, 0, 8).ok()) {
            return EFAULT;
        }
        int base = le32(r, 0);
        int limit = le32(r, 4);
        if (Integer.compareUnsigned(base, limit) > 0 || io && Integer.compareUnsigned(limit, 0xFFFF) > 0) {
            return EINVAL;
        }
        Priv pv = p.priv();
        if ((io ? pv.ioRanges.size() >= NR_IO_RANGE : pv.memRanges.size() >= NR_MEM_RANGE)) {
            return ENOMEM;
        }
        (io ? pv.ioRanges : pv.memRanges).add(new int[] {base, limit});
        pv.flags |= io ? PrivFlag.CHECK_IO_PORT : PrivFlag.CHECK_MEM;
        return OK;
    }

    /** ADD_IRQ reads the IRQ line as an int at arg_ptr. */
    private int addIrq(Proc caller, Proc p, int arg) {
        if (!CallArgs.hasSystemPriv(p)) {
            return EPERM;
        }
        long irq = kernel.memory().read32(caller.context.cr3, arg);
        if (irq == org.jinx.mem.GuestMemory.FAULT) {
            return EFAULT;
        }
        if (irq >= PicControl.NR_IRQS) {
            return EINVAL;
        }
        Priv pv = p.priv();
        if (pv.irqs.size() >= NR_IRQ) {
            return ENOMEM;
        }
        pv.irqs.add((int) irq);
        pv.flags |= PrivFlag.CHECK_IRQ;
        return OK;
    }

    private int clearIpcRefs(Proc p) {
        kernel.ipc().clearIpcRefs(p);
        return OK;
    }

    static int le32(byte[] b, int o) {
        return b[o] & 0xFF | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
    }

    static long le64(byte[] b, int o) {
        return le32(b, o) & 0xFFFFFFFFL | (long) le32(b, o + 4) << 32;
    }
}
