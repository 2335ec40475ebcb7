package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_DEVIO (0x615): one IN or OUT for a driver, which at ring 3 with IOPL 0 cannot execute them
 * itself (spec 6.2). The port is checked against {@link PortPolicy} first.
 *
 * <p>Request ({@code m_lsys_krn_sys_devio}): request @8 (direction | size), port @12, value @16.
 * Reply ({@code m_krn_lsys_sys_devio}): value @8 for input. An unknown direction or size, a port
 * beyond 0xFFFF or one not aligned to the access size: EINVAL; a port not allowed: EPERM.
 */
final class DevioCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_devio.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_devio.port")
    static final int PORT = 12;
    @Abi(msg = "m_lsys_krn_sys_devio.value")
    static final int VALUE = 16;
    @Abi(msg = "m_krn_lsys_sys_devio.value")
    static final int REPLY_VALUE = 8;

    @Abi("_DIO_INPUT")
    static final int DIO_INPUT = 0x001;
    @Abi("_DIO_OUTPUT")
    static final int DIO_OUTPUT = 0x002;
    @Abi("_DIO_DIRMASK")
    static final int DIO_DIRMASK = 0x00F;
    @Abi("_DIO_BYTE")
    static final int DIO_BYTE = 0x010;
    @Abi("_DIO_LONG")
    static final int DIO_LONG = 0x020;
    @Abi("_DIO_WORD")
    static final int DIO_WORD = 0x030;
    @Abi("_DIO_TYPEMASK")
    static final int DIO_TYPEMASK = 0x0F0;

    private final Kernel kernel;

    DevioCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        int request = m.getInt(REQUEST);
        int port = m.getInt(PORT);
        int size = PortPolicy.size(request);
        int dir = request & DIO_DIRMASK;
        if (size == 0 || dir != DIO_INPUT && dir != DIO_OUTPUT) {
            return EINVAL;
        }
        if (port < 0 || port + size - 1 > 0xFFFF || (port & size - 1) != 0) {
            return EINVAL;
        }
        if (!PortPolicy.allowed(caller.priv(), port, size)) {
            return EPERM;
        }
        if (dir == DIO_INPUT) {
            m.setInt(REPLY_VALUE, kernel.ports().in(port, size));
        } else {
            kernel.ports().out(port, size, m.getInt(VALUE));
        }
        return OK;
    }
}
