package org.jinx.dev.kbd;

import org.jinx.mem.PhysicalMemory;

/**
 * Address line 20 as the PC board gates it: enabled when either the 8042's output port bit 1 or
 * system control port A (0x92) bit 1 says so.
 */
public final class A20Gate {
    private final PhysicalMemory mem;
    private boolean fromKbc = true;
    private boolean fromPort92;

    public A20Gate(PhysicalMemory mem) {
        this.mem = mem;
        apply();
    }

    void setFromKbc(boolean on) {
        fromKbc = on;
        apply();
    }

    void setFromPort92(boolean on) {
        fromPort92 = on;
        apply();
    }

    boolean fromKbc() {
        return fromKbc;
    }

    boolean fromPort92() {
        return fromPort92;
    }

    public boolean enabled() {
        return fromKbc || fromPort92;
    }

    private void apply() {
        mem.setA20(enabled());
    }
}
