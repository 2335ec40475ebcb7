package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_UMAP (0x60E): the physical address behind a range of the caller's own virtual memory, for
 * a driver that programs DMA (MINIX do_umap; another process's memory is SYS_UMAP_REMOTE's job,
 * {@link UmapRemoteCall}). The whole range must be mapped and physically contiguous.
 *
 * <p>Request ({@code m_lsys_krn_sys_umap}): src_endpt @8 (SELF or the caller), segment @12
 * (ignored: only virtual addresses exist), src_addr @16, dst_endpt @20 (unused here), nr_bytes @24. Reply
 * ({@code m_krn_lsys_sys_umap}): dst_addr @8. Zero bytes: EINVAL; another process: EPERM; a hole
 * or a discontiguity: EFAULT.
 */
final class UmapCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_umap.src_endpt")
    static final int SRC_ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_umap.segment")
    static final int SEGMENT = 12;
    @Abi(msg = "m_lsys_krn_sys_umap.src_addr")
    static final int SRC_ADDR = 16;
    @Abi(msg = "m_lsys_krn_sys_umap.dst_endpt")
    static final int DST_ENDPT = 20;
    @Abi(msg = "m_lsys_krn_sys_umap.nr_bytes")
    static final int NR_BYTES = 24;
    @Abi(msg = "m_krn_lsys_sys_umap.dst_addr")
    static final int DST_ADDR = 8;

    private final Kernel kernel;

    UmapCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.process(kernel, caller, m.getInt(SRC_ENDPT));
        int addr = m.getInt(SRC_ADDR);
        int len = m.getInt(NR_BYTES);
        if (p == null || len <= 0) {
            return EINVAL;
        }
        if (p != caller) {
            return EPERM;
        }
        long first = PhysRange.contiguous(kernel.spaces(), p.context.cr3, addr, len);
        if (first == -1) {
            return EFAULT;
        }
        m.setInt(DST_ADDR, (int) first);
        return OK;
    }
}
