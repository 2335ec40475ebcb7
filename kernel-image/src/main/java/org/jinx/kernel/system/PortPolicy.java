package org.jinx.kernel.system;

import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;

/**
 * Which I/O ports a process may reach through SYS_DEVIO and SYS_VDEVIO. A process whose
 * privileges have CHECK_IO_PORT set is limited to its I/O ranges (SYS_PRIVCTL ADD_IO); one
 * without is not, as in MINIX. Unlike MINIX, nobody may touch the ports the kernel itself drives:
 * the two 8259s, their ELCR, and the 8254, since a driver reprogramming those would take the
 * clock and every interrupt away from the kernel.
 */
final class PortPolicy {
    private static final int[][] KERNEL_PORTS = {
        {0x20, 0x21},     // 8259A master
        {0xA0, 0xA1},     // 8259A slave
        {0x40, 0x43},     // 8254 PIT
        {0x4D0, 0x4D1},   // ELCR
    };

    private PortPolicy() {
    }

    /** True if {@code size} bytes at {@code port} may be accessed by the holder of {@code pv}. */
    static boolean allowed(Priv pv, int port, int size) {
        int last = port + size - 1;
        for (int[] k : KERNEL_PORTS) {
            if (port <= k[1] && last >= k[0]) {
                return false;
            }
        }
        if ((pv.flags & PrivFlag.CHECK_IO_PORT) == 0) {
            return true;
        }
        for (int[] r : pv.ioRanges) {
            if (port >= r[0] && last <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** The access size of a DIO type, or 0 for an unknown type. */
    static int size(int request) {
        return switch (request & DevioCall.DIO_TYPEMASK) {
            case DevioCall.DIO_BYTE -> 1;
            case DevioCall.DIO_WORD -> 2;
            case DevioCall.DIO_LONG -> 4;
            default -> 0;
        };
    }
}
