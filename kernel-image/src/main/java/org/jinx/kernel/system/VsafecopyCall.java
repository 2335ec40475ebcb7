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
 * SYS_VSAFECOPY (0x621): a vector of safecopies in one kernel call (MINIX do_vsafecopy), so a
 * driver moving scattered buffers pays for one trap. Each element names the caller as SELF on
 * exactly one side; the other side is the granter, and the element is a SAFECOPYFROM (v_to is
 * SELF) or a SAFECOPYTO (v_from is SELF) with that call's checks ({@link Safecopy}).
 *
 * <p>Request ({@code m_lsys_kern_vsafecopy}): vec_addr @8 (an array of {@code struct vscp_vec}
 * in the caller), vec_size @12 (elements). Elements are done in order and the first failure is
 * the result; the copies before it stay done, as in MINIX. More than {@link #SCPVEC_NR} elements
 * or a negative count: EINVAL; an unreadable vector: EFAULT; an element with SELF on neither or
 * both sides: EINVAL.
 */
final class VsafecopyCall implements KernelCall {
    @Abi(msg = "m_lsys_kern_vsafecopy.vec_addr")
    static final int VEC_ADDR = 8;
    @Abi(msg = "m_lsys_kern_vsafecopy.vec_size")
    static final int VEC_SIZE = 12;

    // struct vscp_vec
    @Abi(offsetOf = "struct vscp_vec.v_from")
    static final int V_FROM = 0;
    @Abi(offsetOf = "struct vscp_vec.v_to")
    static final int V_TO = 4;
    @Abi(offsetOf = "struct vscp_vec.v_gid")
    static final int V_GID = 8;
    @Abi(offsetOf = "struct vscp_vec.v_offset")
    static final int V_OFFSET = 12;
    @Abi(offsetOf = "struct vscp_vec.v_addr")
    static final int V_ADDR = 16;
    @Abi(offsetOf = "struct vscp_vec.v_bytes")
    static final int V_BYTES = 20;
    @Abi(sizeOf = "struct vscp_vec")
    static final int VEC_ELEMENT = 24;
    /** The most elements one call takes (MINIX SCPVEC_NR). */
    @Abi
    static final int SCPVEC_NR = 64;

    private final Kernel kernel;
    private final Safecopy safecopy;
    private final byte[] vec = new byte[SCPVEC_NR * VEC_ELEMENT];

    VsafecopyCall(Kernel kernel) {
        this.kernel = kernel;
        this.safecopy = new Safecopy(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int els = m.getInt(VEC_SIZE);
        if (els < 0 || els > SCPVEC_NR) {
            return EINVAL;
        }
        if (!kernel.memory().copyIn(caller.context.cr3, m.getInt(VEC_ADDR), vec, 0, els * VEC_ELEMENT).ok()) {
            return EFAULT;
        }
        for (int i = 0; i < els; i++) {
            int at = i * VEC_ELEMENT;
            int from = le32(at + V_FROM);
            int to = le32(at + V_TO);
            boolean fromSelf = from == Endpoint.SELF;
            boolean toSelf = to == Endpoint.SELF;
            if (fromSelf == toSelf) {
                return EINVAL;
            }
            int r = safecopy.copy(caller, fromSelf ? to : from, le32(at + V_GID), le32(at + V_OFFSET),
                    le32(at + V_ADDR), le32(at + V_BYTES), fromSelf ? Grants.CPF_WRITE : Grants.CPF_READ, toSelf);
            if (r != OK) {
                return r;
            }
        }
        return OK;
    }

    private int le32(int o) {
        return vec[o] & 0xFF | (vec[o + 1] & 0xFF) << 8 | (vec[o + 2] & 0xFF) << 16 | vec[o + 3] << 24;
    }
}
