package org.jinx.kernel;

import org.jinx.bus.IoPortBus;

/** {@link PortIo} over the machine's I/O port bus: the same path the CPU's IN and OUT take. */
public final class BusPortIo implements PortIo {
    private final IoPortBus bus;

    public BusPortIo(IoPortBus bus) {
        this.bus = bus;
    }

    @Override
    public int in(int port, int size) {
        return bus.in(port & 0xFFFF, size);
    }

    @Override
    public void out(int port, int size, int value) {
        bus.out(port & 0xFFFF, size, value);
    }
}
