package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.E2BIG;
import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_VDEVIO (0x617): a vector of port accesses of one direction and size (MINIX do_vdevio).
 * The vector is read, every port checked, and for input the vector checked writable, all before
 * the first access; then the accesses run in order and input values are written back.
 *
 * <p>Request ({@code m_lsys_krn_sys_vdevio}): request @8 (direction | size), vec_addr @12,
 * vec_size @16 (pairs). Pairs are {@code pvb_pair_t} (port u16 @0, value u8 @2; 4 bytes),
 * {@code pvw_pair_t} (port @0, value u16 @2; 4 bytes) or {@code pvl_pair_t} (port @0, value u32
 * @4; 8 bytes). vec_size below 1: EINVAL; above {@link #VDEVIO_BUF_SIZE}: E2BIG; a port not
 * allowed: EPERM; an unreadable (or, for input, unwritable) vector: EFAULT.
 */
final class VdevioCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_vdevio.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_vdevio.vec_addr")
    static final int VEC_ADDR = 12;
    @Abi(msg = "m_lsys_krn_sys_vdevio.vec_size")
    static final int VEC_SIZE = 16;
    @Abi("VDEVIO_BUF_SIZE")
    static final int VDEVIO_BUF_SIZE = 64;
    @Abi(sizeOf = "pvb_pair_t")
    static final int PVB_SIZE = 4;
    @Abi(sizeOf = "pvw_pair_t")
    static final int PVW_SIZE = 4;
    @Abi(sizeOf = "pvl_pair_t")
    static final int PVL_SIZE = 8;
    @Abi(offsetOf = "pvl_pair_t.value")
    static final int PVL_VALUE = 4;

    private final Kernel kernel;

    VdevioCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        int request = m.getInt(REQUEST);
        int size = PortPolicy.size(request);
        int dir = request & DevioCall.DIO_DIRMASK;
        int count = m.getInt(VEC_SIZE);
        if (size == 0 || dir != DevioCall.DIO_INPUT && dir != DevioCall.DIO_OUTPUT || count < 1) {
            return EINVAL;
        }
        if (count > VDEVIO_BUF_SIZE) {
            return E2BIG;
        }
        int pair = size == 4 ? PVL_SIZE : PVB_SIZE;
        int valueAt = size == 4 ? PVL_VALUE : 2;
        int addr = m.getInt(VEC_ADDR);
        int space = caller.context.cr3;
        byte[] vec = new byte[count * pair];
        if (!kernel.memory().copyIn(space, addr, vec, 0, vec.length).ok()) {
            return EFAULT;
        }
        boolean input = dir == DevioCall.DIO_INPUT;
        if (input && !kernel.memory().probe(space, addr, vec.length, true).ok()) {
            return EFAULT;
        }
        for (int i = 0; i < count; i++) {
            int port = vec[i * pair] & 0xFF | (vec[i * pair + 1] & 0xFF) << 8;
            if ((port & size - 1) != 0 || port + size - 1 > 0xFFFF) {
                return EINVAL;
            }
            if (!PortPolicy.allowed(caller.priv(), port, size)) {
                return EPERM;
            }
        }
        for (int i = 0; i < count; i++) {
            int at = i * pair;
            int port = vec[at] & 0xFF | (vec[at + 1] & 0xFF) << 8;
            if (input) {
                int v = kernel.ports().in(port, size);
                for (int b = 0; b < size; b++) {
                    vec[at + valueAt + b] = (byte) (v >>> 8 * b);
                }
            } else {
                int v = 0;
                for (int b = 0; b < size; b++) {
                    v |= (vec[at + valueAt + b] & 0xFF) << 8 * b;
                }
                kernel.ports().out(port, size, v);
            }
        }
        if (input) {
            kernel.memory().copyOut(space, addr, vec, 0, vec.length);
        }
        return OK;
    }
}
