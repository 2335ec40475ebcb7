package org.jinx.dev.pit;

import org.jinx.bus.IrqLine;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;
import org.jinx.time.EventScheduler;
import org.jinx.time.VirtualClock;

/**
 * One counter of the 8254: count register (CR), counting element (CE), output latch (OL),
 * status latch, GATE input and OUT pin, in modes 0 to 5, binary or BCD.
 *
 * <p>Nothing ticks. The channel remembers the PIT clock count up to which its state is known
 * ({@link #tick}) and {@link #sync} brings it forward in constant time when it is read, written
 * or gated. Only the next event (a CR-to-CE load or an OUT change) is scheduled, and only when
 * something listens to OUT. An event handled late still reports every OUT edge it crossed, in
 * order, so an edge-triggered IRQ is never lost.
 *
 * <p>Counts are kept in counting units: 1..65536 in binary, 1..10000 in BCD; a written 0 is the
 * maximum. In modes 2 and 3 the counter's phase is {@code t} clocks into the current period of
 * {@code n} clocks; in the other modes CE itself is kept and wraps after terminal count.
 */
public final class PitChannel {
    /** The PIT input clock: 14.31818 MHz / 12. */
    public static final long PIT_HZ = 1_193_182L;
    private static final long NEVER = Long.MAX_VALUE;

    private final String name;
    private final VirtualClock clock;
    private final IrqLine outLine;
    private final EventScheduler.TimerEvent timer;

    // programmed by the control word
    private int mode;
    /** M2-M1-M0 as written, for the status byte (6 and 7 act as 2 and 3). */
    private int modeBits;
    private int rw = 3;
    private boolean bcd;

    // count register and the byte flip-flops
    private int cr;
    private boolean waitingForCount = true;
    private boolean writeMsbNext;
    private int writeLsb;
    private boolean readMsbNext;
    private boolean nullCount = true;

    // latches
    private boolean countLatched;
    private int latchedCount;
    private boolean statusLatched;
    private int latchedStatus;

    // counting element
    private boolean gate = true;
    private boolean out;
    private boolean loadPending;
    private boolean counting;
    /** Modes 0, 1, 4, 5: terminal count still ahead. */
    private boolean armed;
    /** Modes 4, 5: OUT is in its one-clock low strobe. */
    private boolean strobe;
    /** Modes 0, 1, 4, 5: the counting element, 0..max. */
    private long ce;
    /** Modes 2, 3: the count in effect and the clocks elapsed in its period. */
    private long n;
    private long t;
    /** PIT clocks up to which the state above is computed. */
    private long tick;
    /** OUT changes so far; lets {@link #sync} see that a whole cycle was reported. */
    private long edges;

    /**
     * @param scheduler may be null together with a null {@code outLine}: a counter whose OUT
     *                  nobody watches is computed only when read and schedules nothing
     */
    PitChannel(String name, VirtualClock clock, EventScheduler scheduler, IrqLine outLine) {
        this.name = name;
        this.clock = clock;
        this.outLine = outLine == null ? IrqLine.NULL : outLine;
        this.timer = outLine == null || scheduler == null ? null : scheduler.newTimer(name, this::onEvent);
        this.tick = ticksAt(clock.cycles());
        // The datasheet leaves OUT undefined before the first control word. High is chosen, and
        // driven, so that programming mode 2 or 3 (the usual first act) makes no edge of its own.
        this.out = true;
        this.outLine.setLevel(true);
    }

    // ---------------------------------------------------------------- time

    /** PIT clocks elapsed at CPU cycle {@code c}: floor(c * PIT_HZ / hz), without overflow. */
    long ticksAt(long c) {
        long hz = clock.hz();
        return c / hz * PIT_HZ + c % hz * PIT_HZ / hz;
    }

    /** The first CPU cycle at which PIT clock {@code t} has happened: ceil(t * hz / PIT_HZ). */
    long cycleOfTick(long tk) {
        long hz = clock.hz();
        return tk / PIT_HZ * hz + (tk % PIT_HZ * hz + PIT_HZ - 1) / PIT_HZ;
    }

    private long max() {
        return bcd ? 10_000 : 65_536;
    }

    private long crUnits() {
        long v = bcd ? fromBcd(cr) % 10_000 : cr;
        return v == 0 ? max() : v;
    }

    private static long fromBcd(int raw) {
        return (raw & 0xF) + 10L * (raw >> 4 & 0xF) + 100L * (raw >> 8 & 0xF) + 1000L * (raw >> 12 & 0xF);
    }

    private static int toBcd(long v) {
        return (int) (v % 10 | (v / 10 % 10) << 4 | (v / 100 % 10) << 8 | (v / 1000 % 10) << 12);
    }

    private boolean running() {
        return counting && (gate || mode == 1 || mode == 5);
    }

    private static long highHalf(long count) {
        return (count + 1) / 2;
    }

    /** Clocks from {@link #tick} to the next load or OUT change, or NEVER. */
    private long untilEvent() {
        if (loadPending) {
            return 1;
        }
        if (!running()) {
            return NEVER;
        }
        switch (mode) {
            case 0, 1:
                return armed ? ce : NEVER;
            case 4, 5:
                return strobe ? 1 : armed ? ce : NEVER;
            case 2:
                if (n == 1) {
                    return nullCount ? 1 : NEVER; // count 1 is illegal in mode 2: OUT stays high
                }
                return t == n - 1 ? 1 : n - 1 - t;
            default: // 3
                if (n == 1) {
                    return nullCount ? 1 : NEVER;
                }
                return t < highHalf(n) ? highHalf(n) - t : n - t;
        }
    }

    /** Advances {@code k} clocks, {@code 1 <= k <= untilEvent()}; an event falls on the last one. */
    private void step(long k) {
        if (loadPending) {
            load();
            return; // untilEvent() was 1
        }
        if (!running()) {
            return;
        }
        switch (mode) {
            case 0, 1 -> {
                boolean terminal = armed && k == ce;
                ce = Math.floorMod(ce - k, max());
                if (terminal) {
                    armed = false;
                    setOut(true);
                }
            }
            case 4, 5 -> {
                if (strobe) {
                    strobe = false;
                    ce = Math.floorMod(ce - k, max());
                    setOut(true);
                } else {
                    boolean terminal = armed && k == ce;
                    ce = Math.floorMod(ce - k, max());
                    if (terminal) {
                        armed = false;
                        strobe = true;
                        setOut(false);
                    }
                }
            }
            case 2 -> {
                if (n == 1) {
                    reload();
                    return;
                }
                t += k;
                if (t == n - 1) {
                    setOut(false);
                } else if (t == n) {
                    reload();
                }
            }
            default -> {
                if (n == 1) {
                    reload();
                    return;
                }
                t += k;
                if (t == highHalf(n)) {
                    setOut(false);
                    if (nullCount) {
                        // a new count takes effect at the end of the half cycle
                        long next = crUnits();
                        if (next == 1) {
                            reload();
                        } else {
                            n = next;
                            nullCount = false;
                            t = highHalf(n);
                        }
                    }
                } else if (t == n) {
                    reload();
                }
            }
        }
    }

    /** Modes 2 and 3: start a period with the count in CR, OUT high. */
    private void reload() {
        n = crUnits();
        nullCount = false;
        t = 0;
        setOut(true);
    }

    /** The CLK that moves CR into CE. */
    private void load() {
        loadPending = false;
        counting = true;
        nullCount = false;
        switch (mode) {
            case 0 -> {
                ce = crUnits();
                armed = true;
            }
            case 1 -> {
                ce = crUnits();
                armed = true;
                setOut(false);
            }
            case 4, 5 -> {
                ce = crUnits();
                armed = true;
                strobe = false;
                setOut(true);
            }
            default -> reload();
        }
    }

    /** Brings the counter up to PIT clock {@code now}, reporting every OUT edge on the way. */
    void sync(long now) {
        long d = now - tick;
        long edgesBefore = edges;
        while (d > 0) {
            long u = untilEvent();
            if (u > d) {
                step(d);
                break;
            }
            step(u);
            d -= u;
            if (edges - edgesBefore >= 2 && (mode == 2 || mode == 3) && t == 0 && !nullCount && running()
                    && !loadPending && n > 1) {
                d %= n; // whole periods repeat exactly; a full low-high cycle was just reported
            }
        }
        tick = Math.max(tick, now);
    }

    private void syncNow() {
        sync(ticksAt(clock.cycles()));
    }

    private void setOut(boolean v) {
        if (out != v) {
            out = v;
            edges++;
            outLine.setLevel(v);
        }
    }

    private void reschedule() {
        if (timer == null) {
            return;
        }
        long u = untilEvent();
        if (u == NEVER) {
            timer.cancel();
        } else {
            timer.scheduleAt(cycleOfTick(tick + u));
        }
    }

    private void onEvent() {
        syncNow();
        reschedule();
    }

    // ---------------------------------------------------------------- chip interface

    /** A control word for this counter with RW != 00: mode, access and BCD; resets the counter. */
    void control(int cw) {
        syncNow();
        rw = cw >> 4 & 3;
        modeBits = cw >> 1 & 7;
        mode = modeBits > 5 ? modeBits - 4 : modeBits;
        bcd = (cw & 1) != 0;
        waitingForCount = true;
        writeMsbNext = false;
        readMsbNext = false;
        countLatched = false;
        statusLatched = false;
        nullCount = true;
        loadPending = false;
        counting = false;
        armed = false;
        strobe = false;
        setOut(mode != 0); // OUT is low after a mode 0 control word, high after any other
        reschedule();
    }

    /** Counter latch command: OL holds CE until read; a second latch before the read is ignored. */
    void latchCount() {
        if (!countLatched) {
            syncNow();
            latchedCount = count();
            countLatched = true;
        }
    }

    /** Read-back status latch: OUT, NULL COUNT, RW, mode, BCD. */
    void latchStatus() {
        if (!statusLatched) {
            syncNow();
            latchedStatus = (out ? 0x80 : 0) | (nullCount ? 0x40 : 0) | rw << 4 | modeBits << 1 | (bcd ? 1 : 0);
            statusLatched = true;
        }
    }

    int readByte() {
        if (statusLatched) {
            statusLatched = false;
            return latchedStatus;
        }
        int v;
        if (countLatched) {
            v = latchedCount;
        } else {
            syncNow();
            v = count();
        }
        switch (rw) {
            case 1:
                countLatched = false;
                return v & 0xFF;
            case 2:
                countLatched = false;
                return v >> 8 & 0xFF;
            default:
                if (!readMsbNext) {
                    readMsbNext = true;
                    return v & 0xFF;
                }
                readMsbNext = false;
                countLatched = false;
                return v >> 8 & 0xFF;
        }
    }

    void writeByte(int b) {
        syncNow();
        switch (rw) {
            case 1 -> setCount(b);
            case 2 -> setCount(b << 8);
            default -> {
                if (!writeMsbNext) {
                    writeLsb = b;
                    writeMsbNext = true;
                    if (mode == 0) {
                        // writing the first byte stops the count and drops OUT at once
                        counting = false;
                        loadPending = false;
                        armed = false;
                        setOut(false);
                    }
                } else {
                    writeMsbNext = false;
                    setCount(writeLsb | b << 8);
                }
            }
        }
        reschedule();
    }

    private void setCount(int raw) {
        cr = raw & 0xFFFF;
        nullCount = true;
        boolean initial = waitingForCount;
        waitingForCount = false;
        switch (mode) {
            case 0 -> {
                counting = false;
                armed = false;
                loadPending = true;
                setOut(false);
            }
            case 4 -> loadPending = true; // software retrigger
            case 2, 3 -> {
                if (initial) {
                    loadPending = true;
                } // later counts wait for the end of the period (mode 2) or half cycle (mode 3)
            }
            default -> { } // modes 1 and 5 wait for a GATE trigger
        }
    }

    public void setGate(boolean high) {
        syncNow();
        boolean rising = high && !gate;
        gate = high;
        switch (mode) {
            case 1, 5 -> {
                if (rising && !waitingForCount) {
                    loadPending = true;
                }
            }
            case 2, 3 -> {
                if (!high) {
                    setOut(true);
                } else if (rising && !waitingForCount) {
                    loadPending = true;
                }
            }
            default -> { } // modes 0 and 4: GATE only enables counting
        }
        reschedule();
    }

    /** The OUT pin now. */
    public boolean out() {
        syncNow();
        return out;
    }

    public boolean gate() {
        return gate;
    }

    /** CE as the chip would present it: binary or BCD, 16 bits. */
    private int count() {
        long v;
        if (mode == 2 || mode == 3) {
            if (!counting) {
                v = 0;
            } else if (mode == 2) {
                v = n - t;
            } else {
                v = n - (2 * t) % n; // falls by two per clock from the count in effect
            }
        } else {
            v = ce;
        }
        v %= max();
        return bcd ? toBcd(v) : (int) v;
    }

    public String dump() {
        syncNow();
        return String.format("%s: mode %d%s rw=%d CR=%04X count=%04X OUT=%d GATE=%d%s%s%s", name, mode,
                bcd ? " BCD" : "", rw, cr, count(), out ? 1 : 0, gate ? 1 : 0, nullCount ? " null-count" : "",
                countLatched ? String.format(" latched=%04X", latchedCount) : "",
                timer != null && timer.armed() ? " next@" + timer.deadline() : "");
    }

    // ---------------------------------------------------------------- state

    void save(StateWriter w) {
        syncNow();
        w.putInt("mode", mode).putInt("modeBits", modeBits).putInt("rw", rw).putBoolean("bcd", bcd)
                .putInt("cr", cr).putBoolean("waitingForCount", waitingForCount)
                .putBoolean("writeMsbNext", writeMsbNext).putInt("writeLsb", writeLsb)
                .putBoolean("readMsbNext", readMsbNext).putBoolean("nullCount", nullCount)
                .putBoolean("countLatched", countLatched).putInt("latchedCount", latchedCount)
                .putBoolean("statusLatched", statusLatched).putInt("latchedStatus", latchedStatus)
                .putBoolean("gate", gate).putBoolean("out", out).putBoolean("loadPending", loadPending)
                .putBoolean("counting", counting).putBoolean("armed", armed).putBoolean("strobe", strobe)
                .putLong("ce", ce).putLong("periodCount", n).putLong("periodElapsed", t).putLong("tick", tick);
    }

    void load(StateReader r) {
        mode = r.getInt("mode");
        modeBits = r.getInt("modeBits");
        rw = r.getInt("rw");
        if (mode < 0 || mode > 5 || rw < 1 || rw > 3) {
            throw new org.jinx.state.StateException(r.section() + ": " + name + " has mode " + mode + " rw " + rw);
        }
        bcd = r.getBoolean("bcd");
        cr = r.getInt("cr") & 0xFFFF;
        waitingForCount = r.getBoolean("waitingForCount");
        writeMsbNext = r.getBoolean("writeMsbNext");
        writeLsb = r.getInt("writeLsb");
        readMsbNext = r.getBoolean("readMsbNext");
        nullCount = r.getBoolean("nullCount");
        countLatched = r.getBoolean("countLatched");
        latchedCount = r.getInt("latchedCount");
        statusLatched = r.getBoolean("statusLatched");
        latchedStatus = r.getInt("latchedStatus");
        gate = r.getBoolean("gate");
        out = r.getBoolean("out");
        loadPending = r.getBoolean("loadPending");
        counting = r.getBoolean("counting");
        armed = r.getBoolean("armed");
        strobe = r.getBoolean("strobe");
        ce = r.getLong("ce");
        n = r.getLong("periodCount");
        t = r.getLong("periodElapsed");
        tick = r.getLong("tick");
    }

    /** Re-drives OUT and re-arms the next event after a restore. */
    void postLoad() {
        outLine.setLevel(out);
        reschedule();
    }
}
