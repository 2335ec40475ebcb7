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
 * SYS_SDEVIO (0x616): string port I/O, INS or OUTS on one port, between the port and a buffer
 * (MINIX do_sdevio): a disk driver moving a sector through the data port. With _DIO_SAFE in the
 * request the buffer is a grant that vec_endpt made to the caller (written by input, so the grant
 * must allow writing; read by output); without it, the buffer is a virtual address in the
 * caller's own memory, and vec_endpt must be the caller (SELF or its endpoint).
 *
 * <p>Request ({@code m_lsys_krn_sys_sdevio}): request @8 (direction | size | _DIO_SAFE), port @12,
 * vec_endpt @16, vec_addr @20 (grant id, or address), vec_size @24 (bytes, a multiple of the
 * access size), offset @28 (within the grant). The port is checked as SYS_DEVIO checks it
 * ({@link PortPolicy}). Everything is checked, and for output the data read, before the first
 * port access; input is written to the buffer only after a whole chunk was read from the port.
 * An unknown request, a misaligned port or count, a negative count, a bad endpoint: EINVAL;
 * another process's memory without a grant, a port or grant not allowed: EPERM; a buffer not
 * mapped (or not writable, for input): EFAULT.
 */
final class SdevioCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_sdevio.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_sdevio.port")
    static final int PORT = 12;
    @Abi(msg = "m_lsys_krn_sys_sdevio.vec_endpt")
    static final int VEC_ENDPT = 16;
    @Abi(msg = "m_lsys_krn_sys_sdevio.vec_addr")
    static final int VEC_ADDR = 20;
    @Abi(msg = "m_lsys_krn_sys_sdevio.vec_size")
    static final int VEC_SIZE = 24;
    @Abi(msg = "m_lsys_krn_sys_sdevio.offset")
    static final int OFFSET = 28;

    @Abi("_DIO_SAFE")
    static final int DIO_SAFE = 0x100;
    @Abi("_DIO_SAFEMASK")
    static final int DIO_SAFEMASK = 0xF00;

    private final Kernel kernel;
    private final Grants grants;
    private final Grants.Target target = new Grants.Target();
    private final byte[] buf = new byte[4096];

    SdevioCall(Kernel kernel) {
        this.kernel = kernel;
        this.grants = new Grants(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int request = m.getInt(REQUEST);
        int port = m.getInt(PORT);
        int count = m.getInt(VEC_SIZE);
        int size = PortPolicy.size(request);
        int dir = request & DevioCall.DIO_DIRMASK;
        int safety = request & DIO_SAFEMASK;
        boolean input = dir == DevioCall.DIO_INPUT;
        if (size == 0 || !input && dir != DevioCall.DIO_OUTPUT || safety != 0 && safety != DIO_SAFE) {
            return EINVAL;
        }
        if (port < 0 || port + size - 1 > 0xFFFF || (port & size - 1) != 0 || count < 0 || count % size != 0) {
            return EINVAL;
        }
        int r = buffer(caller, m, safety == DIO_SAFE, count, input);
        if (r != OK) {
            return r;
        }
        if (!PortPolicy.allowed(caller.priv(), port, size)) {
            return EPERM;
        }
        if (!kernel.memory().probe(target.space, target.address, count, input).ok()) {
            return EFAULT;
        }
        for (int done = 0; done < count; ) {
            int n = Math.min(buf.length, count - done);
            if (input) {
                for (int i = 0; i < n; i += size) {
                    put(i, size, kernel.ports().in(port, size));
                }
                kernel.memory().copyOut(target.space, target.address + done, buf, 0, n);
            } else {
                kernel.memory().copyIn(target.space, target.address + done, buf, 0, n);
                for (int i = 0; i < n; i += size) {
                    kernel.ports().out(port, size, get(i, size));
                }
            }
            done += n;
        }
        return OK;
    }

    /** Resolves the buffer into {@link #target}: a grant, or the caller's own memory. */
    private int buffer(Proc caller, Message m, boolean safe, int count, boolean input) {
        int who = m.getInt(VEC_ENDPT);
        if (safe) {
            return grants.verify(who, caller.endpoint(), m.getInt(VEC_ADDR), m.getInt(OFFSET), count,
                    input ? Grants.CPF_WRITE : Grants.CPF_READ, target);
        }
        Proc p = CallArgs.userOrSystem(kernel, caller, who);
        if (p == null) {
            return EINVAL;
        }
        if (p != caller) {
            return EPERM; // another process's memory only through a grant it made
        }
        target.space = caller.context.cr3;
        target.address = m.getInt(VEC_ADDR);
        return OK;
    }

    private void put(int at, int size, int v) {
        for (int i = 0; i < size; i++) {
            buf[at + i] = (byte) (v >>> 8 * i);
        }
    }

    private int get(int at, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= (buf[at + i] & 0xFF) << 8 * i;
        }
        return v;
    }
}
