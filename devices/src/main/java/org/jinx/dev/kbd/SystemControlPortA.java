package org.jinx.dev.kbd;

import org.jinx.bus.IoPortHandler;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;

/**
 * Port 0x92, system control port A ("fast A20"): bit 1 gates A20, and writing bit 0 as 1 after
 * it was 0 pulses the CPU's reset line. The other bits are kept and read back.
 */
public final class SystemControlPortA implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;

    private final A20Gate a20;
    private final Runnable resetCpu;
    private int value;

    public SystemControlPortA(A20Gate a20, Runnable resetCpu) {
        this.a20 = a20;
        this.resetCpu = resetCpu;
    }

    @Override
    public int read(int port, int size) {
        return value & ~0x02 | (a20.fromPort92() ? 0x02 : 0);
    }

    @Override
    public void write(int port, int size, int v) {
        boolean resetEdge = (value & 1) == 0 && (v & 1) != 0;
        value = v & 0xFF;
        a20.setFromPort92((v & 0x02) != 0);
        if (resetEdge) {
            resetCpu.run();
        }
    }

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        w.putInt("value", value);
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        value = r.getInt("value") & 0xFF;
        a20.setFromPort92((value & 0x02) != 0);
    }
}
