package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_UMAP_REMOTE (0x611): the physical address behind a range of any process's memory (MINIX
 * do_umap_remote), for privileged callers such as VM and bus drivers. The range is named either
 * by a virtual address in src_endpt, or, with segment index MEM_GRANT (VM_GRANT), by a grant
 * that src_endpt made to dst_endpt, offset 0; the grant must cover nr_bytes but may allow any
 * access, as MINIX's verify_grant with access 0. The whole range must be mapped and physically
 * contiguous. Jinx has only virtual addresses, so segment type 0 and LOCAL_VM_SEG mean the same.
 *
 * <p>Request ({@code m_lsys_krn_sys_umap}): src_endpt @8, segment @12, src_addr @16 (address or
 * grant id), dst_endpt @20 (the grantee; SELF allowed), nr_bytes @24. Reply
 * ({@code m_krn_lsys_sys_umap}): dst_addr @8. A bad src_endpt, a count below 1 or another
 * segment type: EINVAL; a grant that does not check out, a hole or a discontiguity: EFAULT (MINIX
 * answers a failed grant with EFAULT here, not EPERM).
 */
final class UmapRemoteCall implements KernelCall {
    @Abi("SEGMENT_TYPE")
    static final int SEGMENT_TYPE = 0xFF00;
    @Abi("SEGMENT_INDEX")
    static final int SEGMENT_INDEX = 0x00FF;
    @Abi("LOCAL_VM_SEG")
    static final int LOCAL_VM_SEG = 0x1000;
    @Abi("MEM_GRANT")
    static final int MEM_GRANT = 3;
    @Abi("VM_D")
    static final int VM_D = LOCAL_VM_SEG | 1;
    @Abi("VM_GRANT")
    static final int VM_GRANT = LOCAL_VM_SEG | MEM_GRANT;

    private final Kernel kernel;
    private final Grants grants;
    private final Grants.Target target = new Grants.Target();

    UmapRemoteCall(Kernel kernel) {
        this.kernel = kernel;
        this.grants = new Grants(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int segment = m.getInt(UmapCall.SEGMENT);
        int type = segment & SEGMENT_TYPE;
        int addr = m.getInt(UmapCall.SRC_ADDR);
        int len = m.getInt(UmapCall.NR_BYTES);
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(UmapCall.SRC_ENDPT));
        if (p == null || len <= 0 || type != 0 && type != LOCAL_VM_SEG) {
            return EINVAL;
        }
        int space = p.context.cr3;
        if ((segment & SEGMENT_INDEX) == MEM_GRANT) {
            int grantee = m.getInt(UmapCall.DST_ENDPT);
            grantee = grantee == Endpoint.SELF ? caller.endpoint() : grantee;
            if (grants.verify(p.endpoint(), grantee, addr, 0, len, 0, target) != OK) {
                return EFAULT;
            }
            space = target.space;
            addr = target.address;
        }
        long phys = PhysRange.contiguous(kernel.spaces(), space, addr, len);
        if (phys == -1) {
            return EFAULT;
        }
        m.setInt(UmapCall.DST_ADDR, (int) phys);
        return OK;
    }
}
