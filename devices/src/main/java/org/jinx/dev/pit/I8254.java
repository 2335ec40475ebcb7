package org.jinx.dev.pit;

import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;
import org.jinx.time.EventScheduler;
import org.jinx.time.VirtualClock;

/**
 * The Intel 8254 programmable interval timer: three {@link PitChannel}s clocked at
 * {@link PitChannel#PIT_HZ}, the counters at offsets 0-2 and the control word register at
 * offset 3 (write only; reads float high). Control words with SC = 11 are the read-back command.
 */
public final class I8254 implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;

    private final String name;
    private final PitChannel[] channels = new PitChannel[3];
    private final int base;

    /**
     * @param outs the line each counter's OUT drives, or null where nothing is connected (such a
     *             counter schedules nothing and is computed when read)
     */
    public I8254(String name, int base, VirtualClock clock, EventScheduler scheduler, IrqLine[] outs) {
        if (outs.length != 3) {
            throw new IllegalArgumentException("the 8254 has three counters");
        }
        this.name = name;
        this.base = base;
        for (int i = 0; i < 3; i++) {
            channels[i] = new PitChannel(name + " counter " + i, clock, scheduler, outs[i]);
        }
    }

    public PitChannel channel(int i) {
        return channels[i];
    }

    @Override
    public int read(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= readByte((port + i - base) & 3) << (8 * i);
        }
        return v;
    }

    private int readByte(int offset) {
        return offset == 3 ? 0xFF : channels[offset].readByte();
    }

    @Override
    public void write(int port, int size, int value) {
        for (int i = 0; i < size; i++) {
            writeByte((port + i - base) & 3, value >>> (8 * i) & 0xFF);
        }
    }

    private void writeByte(int offset, int v) {
        if (offset < 3) {
            channels[offset].writeByte(v);
            return;
        }
        int sc = v >> 6;
        if (sc == 3) {
            readBack(v);
        } else if ((v & 0x30) == 0) {
            channels[sc].latchCount();
        } else {
            channels[sc].control(v);
        }
    }

    /** Read-back: D5 = 0 latches counts, D4 = 0 latches status, D3-D1 select counters 2-0. */
    private void readBack(int v) {
        for (int i = 0; i < 3; i++) {
            if ((v >> (i + 1) & 1) == 0) {
                continue;
            }
            if ((v & 0x20) == 0) {
                channels[i].latchCount();
            }
            if ((v & 0x10) == 0) {
                channels[i].latchStatus();
            }
        }
    }

    public String dump() {
        StringBuilder sb = new StringBuilder(name).append('\n');
        for (PitChannel c : channels) {
            sb.append("  ").append(c.dump()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        for (int i = 0; i < 3; i++) {
            channels[i].save(w.child("counter" + i));
        }
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        for (int i = 0; i < 3; i++) {
            channels[i].load(r.child("counter" + i));
        }
    }

    @Override
    public void postLoad() {
        for (PitChannel c : channels) {
            c.postLoad();
        }
    }
}
