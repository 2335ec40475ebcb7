package org.jinx.dev.pit;

import org.jinx.bus.IoPortHandler;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;
import org.jinx.time.VirtualClock;

/**
 * Port 0x61, system control port B. Writes: bit 0 drives the 8254 counter 2 GATE, bit 1 enables
 * the speaker data, bits 2-3 are the parity and channel check enables (kept, no effect). Reads
 * add bit 4, the refresh request that toggles every 15.085 µs (from virtual time), and bit 5,
 * counter 2's OUT. Bits 6-7 (channel check, parity error) read zero: no memory errors here.
 */
public final class SpeakerPort implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;
    private static final long REFRESH_NS = 15_085;

    private final PitChannel counter2;
    private final VirtualClock clock;
    private int written;

    public SpeakerPort(PitChannel counter2, VirtualClock clock) {
        this.counter2 = counter2;
        this.clock = clock;
    }

    @Override
    public int read(int port, int size) {
        int v = written & 0x0F;
        if ((clock.nanos() / REFRESH_NS & 1) != 0) {
            v |= 0x10;
        }
        if (counter2.out()) {
            v |= 0x20;
        }
        return v;
    }

    @Override
    public void write(int port, int size, int value) {
        written = value & 0x0F;
        counter2.setGate((value & 1) != 0);
    }

    /** Whether the speaker is sounding counter 2's square wave (gate and data both on). */
    public boolean speakerEnabled() {
        return (written & 3) == 3;
    }

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        w.putInt("written", written);
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        written = r.getInt("written") & 0x0F;
    }
}
