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
 * SYS_VUMAP (0x612): a vector of virtual ranges to a vector of physical ranges, for a driver
 * setting up scatter-gather DMA (MINIX do_vumap). With endpt SELF the input elements are
 * addresses in the caller; otherwise they are grants endpt made to the caller, checked for the
 * access asked (VUA_READ: the device reads memory; VUA_WRITE: it writes). Each virtual range
 * becomes as many physical ranges as it has physically contiguous runs; the output stops early,
 * without an error, when it is full. offset applies to the first element only.
 *
 * <p>Request ({@code m_lsys_krn_sys_vumap}): endpt @8, vaddr @12 (struct vumap_vir[] in the
 * caller), vcount @16, paddr @20 (struct vumap_phys[] in the caller), pmax @24, access @28,
 * offset @32. Reply ({@code m_krn_lsys_sys_vumap}): pcount @8. Counts are capped at
 * {@link #MAPVEC_NR}. A count below 1, an access other than READ, WRITE or both, an element not
 * longer than the offset, a bad endpoint: EINVAL; a grant that does not allow it: EPERM; a vector
 * that cannot be read or written, a range not mapped (or, for VUA_WRITE, not writable): EFAULT.
 */
final class VumapCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_vumap.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_lsys_krn_sys_vumap.vaddr")
    static final int VADDR = 12;
    @Abi(msg = "m_lsys_krn_sys_vumap.vcount")
    static final int VCOUNT = 16;
    @Abi(msg = "m_lsys_krn_sys_vumap.paddr")
    static final int PADDR = 20;
    @Abi(msg = "m_lsys_krn_sys_vumap.pmax")
    static final int PMAX = 24;
    @Abi(msg = "m_lsys_krn_sys_vumap.access")
    static final int ACCESS = 28;
    @Abi(msg = "m_lsys_krn_sys_vumap.offset")
    static final int OFFSET = 32;
    @Abi(msg = "m_krn_lsys_sys_vumap.pcount")
    static final int PCOUNT = 8;

    @Abi(sizeOf = "struct vumap_vir")
    static final int VIR_SIZE = 8;
    @Abi(offsetOf = "struct vumap_vir.vv_size")
    static final int VV_SIZE = 4;
    @Abi(sizeOf = "struct vumap_phys")
    static final int PHYS_SIZE = 8;
    @Abi(offsetOf = "struct vumap_phys.vp_size")
    static final int VP_SIZE = 4;
    @Abi
    static final int MAPVEC_NR = 64;
    @Abi
    static final int VUA_READ = 0x01;
    @Abi
    static final int VUA_WRITE = 0x02;

    private final Kernel kernel;
    private final Grants grants;
    private final Grants.Target target = new Grants.Target();
    private final byte[] vvec = new byte[MAPVEC_NR * VIR_SIZE];
    private final byte[] pvec = new byte[MAPVEC_NR * PHYS_SIZE];

    VumapCall(Kernel kernel) {
        this.kernel = kernel;
        this.grants = new Grants(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int endpt = m.getInt(ENDPT);
        int vcount = Math.min(m.getInt(VCOUNT), MAPVEC_NR);
        int pmax = Math.min(m.getInt(PMAX), MAPVEC_NR);
        int access = switch (m.getInt(ACCESS)) {
            case VUA_READ -> Grants.CPF_READ;
            case VUA_WRITE -> Grants.CPF_WRITE;
            case VUA_READ | VUA_WRITE -> Grants.CPF_READ | Grants.CPF_WRITE;
            default -> -1;
        };
        long offset = m.getInt(OFFSET) & 0xFFFFFFFFL;
        if (vcount <= 0 || pmax <= 0 || access < 0) {
            return EINVAL;
        }
        if (!kernel.memory().copyIn(caller.context.cr3, m.getInt(VADDR), vvec, 0, vcount * VIR_SIZE).ok()) {
            return EFAULT;
        }
        boolean write = (access & Grants.CPF_WRITE) != 0;
        int pcount = 0;
        for (int i = 0; i < vcount && pcount < pmax; i++) {
            long size = SigFrame.get(vvec, i * VIR_SIZE + VV_SIZE) & 0xFFFFFFFFL;
            if (size <= offset) {
                return EINVAL;
            }
            size -= offset;
            int element = SigFrame.get(vvec, i * VIR_SIZE);
            int r = resolve(caller, endpt, element, (int) offset, (int) size, access);
            if (r != OK) {
                return r;
            }
            if (!kernel.memory().probe(target.space, target.address, (int) size, write).ok()) {
                return EFAULT;
            }
            int source = target.address;
            while (size > 0 && pcount < pmax) {
                int chunk = PhysRange.contiguousPrefix(kernel.spaces(), target.space, source, (int) size);
                SigFrame.put(pvec, pcount * PHYS_SIZE, (int) kernel.spaces().translate(target.space, source));
                SigFrame.put(pvec, pcount * PHYS_SIZE + VP_SIZE, chunk);
                pcount++;
                size -= chunk;
                source += chunk;
            }
            offset = 0;
        }
        if (!kernel.memory().copyOut(caller.context.cr3, m.getInt(PADDR), pvec, 0, pcount * PHYS_SIZE).ok()) {
            return EFAULT;
        }
        m.setInt(PCOUNT, pcount);
        return OK;
    }

    /** Puts the element's memory into {@link #target}: the caller's own, or a grant's. */
    private int resolve(Proc caller, int endpt, int element, int offset, int size, int access) {
        if (endpt == Endpoint.SELF) {
            target.space = caller.context.cr3;
            target.address = element + offset;
            return OK;
        }
        return grants.verify(endpt, caller.endpoint(), element, offset, size, access, target);
    }
}
