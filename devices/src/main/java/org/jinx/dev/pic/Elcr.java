package org.jinx.dev.pic;

import org.jinx.bus.IoPortHandler;

/**
 * The edge/level control registers of the PC chipset (ports 0x4D0 and 0x4D1): one bit per IRQ,
 * set for level triggering. IRQ 0, 1, 2, 8 and 13 are always edge triggered, so their bits read
 * as zero and ignore writes.
 */
public final class Elcr implements IoPortHandler {
    static final int MASTER_MASK = 0xF8;
    static final int SLAVE_MASK = 0xDE;

    private final I8259 master;
    private final I8259 slave;

    public Elcr(I8259 master, I8259 slave) {
        this.master = master;
        this.slave = slave;
    }

    @Override
    public int read(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= ((port + i & 1) == 0 ? master.elcr() : slave.elcr()) << (8 * i);
        }
        return v;
    }

    @Override
    public void write(int port, int size, int value) {
        for (int i = 0; i < size; i++) {
            int b = value >>> (8 * i) & 0xFF;
            if ((port + i & 1) == 0) {
                master.setElcr(b & MASTER_MASK);
            } else {
                slave.setElcr(b & SLAVE_MASK);
            }
        }
    }
}
