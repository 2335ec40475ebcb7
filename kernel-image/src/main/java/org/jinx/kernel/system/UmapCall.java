package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.mm.AddressSpaces;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_UMAP (0x60E): the physical address behind a range of the caller's own virtual memory, for
 * a driver that programs DMA (MINIX do_umap; another process's memory would be UMAP_REMOTE, which
 * Jinx does not offer). The whole range must be mapped and physically contiguous.
 *
 * <p>Request ({@code m_lsys_krn_sys_umap}): src_endpt @8 (SELF or the caller), segment @12
 * (ignored: only virtual addresses exist), src_addr @16, nr_bytes @20. Reply
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
    @Abi(msg = "m_lsys_krn_sys_umap.nr_bytes")
    static final int NR_BYTES = 20;
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
        long first = kernel.spaces().translate(p.context.cr3, addr);
        if (first == -1 || (addr & 0xFFFFFFFFL) + len > 0x1_0000_0000L) {
            return EFAULT;
        }
        // Every later page must follow the first physically.
        long page = (addr & 0xFFFFFFFFL) & ~0xFFFL;
        long end = (addr & 0xFFFFFFFFL) + len;
        for (long v = page + AddressSpaces.PAGE; v < end; v += AddressSpaces.PAGE) {
            long pa = kernel.spaces().translate(p.context.cr3, (int) v);
            if (pa != (first & ~0xFFFL) + (v - page)) {
                return EFAULT;
            }
        }
        m.setInt(DST_ADDR, (int) first);
        return OK;
    }
}
