package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_VIRCOPY (0x60F): copy between two processes' virtual memory (MINIX do_vircopy). This is
 * the privileged copy that ignores grants; only processes given the call may use it. Both ranges
 * are checked before a byte moves: a copy completes or changes nothing.
 *
 * <p>Request ({@code m_lsys_krn_sys_copy}): src_addr @8, src_endpt @12, dst_addr @16,
 * dst_endpt @20, nr_bytes @24 (SELF allowed for either endpoint). A bad or task endpoint, or a
 * count that is negative as a signed number: EINVAL; a range that is not mapped for user access
 * (or not writable, for the destination): EFAULT.
 */
final class VircopyCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_copy.src_addr")
    static final int SRC_ADDR = 8;
    @Abi(msg = "m_lsys_krn_sys_copy.src_endpt")
    static final int SRC_ENDPT = 12;
    @Abi(msg = "m_lsys_krn_sys_copy.dst_addr")
    static final int DST_ADDR = 16;
    @Abi(msg = "m_lsys_krn_sys_copy.dst_endpt")
    static final int DST_ENDPT = 20;
    @Abi(msg = "m_lsys_krn_sys_copy.nr_bytes")
    static final int NR_BYTES = 24;

    private final Kernel kernel;
    private final Copier copier;

    VircopyCall(Kernel kernel) {
        this.kernel = kernel;
        this.copier = new Copier(kernel.memory());
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc src = CallArgs.userOrSystem(kernel, caller, m.getInt(SRC_ENDPT));
        Proc dst = CallArgs.userOrSystem(kernel, caller, m.getInt(DST_ENDPT));
        int len = m.getInt(NR_BYTES);
        if (src == null || dst == null || len < 0) {
            return EINVAL;
        }
        boolean ok = copier.copy(src.context.cr3, m.getInt(SRC_ADDR), dst.context.cr3, m.getInt(DST_ADDR), len).ok();
        return ok ? OK : EFAULT;
    }
}
