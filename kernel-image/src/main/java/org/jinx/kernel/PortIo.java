package org.jinx.kernel;

/**
 * The kernel's third and last touch point with the emulator, beside {@link KernelTrap} and
 * {@link org.jinx.mem.GuestMemory}: the I/O port space, as IN and OUT at CPL 0 would reach it.
 * The kernel programs the interrupt controllers and the timer through it, and SYS_DEVIO and
 * SYS_VDEVIO perform drivers' port I/O through it after their privilege checks.
 *
 * <p>Sizes are 1, 2 or 4 bytes; ports are 16-bit. Reads of a port nobody claims return all ones,
 * as on an open ISA bus.
 */
public interface PortIo {
    /** No hardware at all: reads float high, writes vanish. For kernels tested without a board. */
    PortIo NONE = new PortIo() {
        @Override
        public int in(int port, int size) {
            return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        }

        @Override
        public void out(int port, int size, int value) {
        }
    };

    int in(int port, int size);

    void out(int port, int size, int value);

    default int inb(int port) {
        return in(port, 1) & 0xFF;
    }

    default void outb(int port, int value) {
        out(port, 1, value & 0xFF);
    }
}
