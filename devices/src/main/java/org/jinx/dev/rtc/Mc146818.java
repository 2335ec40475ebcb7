package org.jinx.dev.rtc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;
import org.jinx.time.EventScheduler;
import org.jinx.time.VirtualClock;

/**
 * The Motorola MC146818 real-time clock with its 128 bytes of CMOS RAM, behind the PC's index
 * port (offset 0; bit 7 is the NMI mask) and data port (offset 1).
 *
 * <p>The time is a count of seconds (the time registers read as a calendar in UTC arithmetic, so
 * "seconds" here are wall-clock fields, not a time zone). It is not ticked: while the divider
 * runs and SET is clear, it is {@code baseSeconds} plus the whole seconds of virtual time since
 * the divider's reference point, so the host clock never enters after construction. The board
 * chooses the starting value: the host's wall clock, or a fixed epoch in deterministic mode.
 *
 * <p>Each update cycle takes the 1984 µs before a second boundary of the divider and UIP rises
 * 244 µs before it starts. At the boundary the update ends: the time registers show the new
 * second, UIP falls, and the update-ended flag (UF) and, on a match, the alarm flag (AF) are set. The periodic flag (PF) is set at the rate register A selects. Flags are set whether or not
 * enabled and found lazily from time when register C is read; a timer is armed only for the next
 * flag whose interrupt is enabled and not yet pending. IRQ 8 follows IRQF.
 *
 * <p>Simplifications: daylight saving (DSE) is not applied; out-of-range values written to time
 * registers are carried into the next field (minute 61 becomes one minute past the next hour)
 * where the chip would store them verbatim; only the 32.768 kHz time base (DV = 010) runs.
 */
public final class Mc146818 implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;

    public static final int REG_A = 0x0A, REG_B = 0x0B, REG_C = 0x0C, REG_D = 0x0D;
    /** The century byte, by PC convention; kept in step with the year. */
    public static final int CENTURY = 0x32;

    static final int B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10, B_DM = 0x04, B_24H = 0x02;
    static final int C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10;

    private static final long SECOND = 1_000_000_000L;
    private static final long UIP_LEAD_NS = 244_000;
    private static final long UPDATE_NS = 1_984_000;
    private static final long NEVER = Long.MAX_VALUE;

    private final VirtualClock clock;
    private final IrqLine irq;
    private final EventScheduler.TimerEvent timer;

    private final byte[] cmos = new byte[128];
    private int index;
    private boolean nmiMasked;

    /** Seconds value at the divider reference point (while running). */
    private long baseSeconds;
    /** The time while SET is 1 or the divider is stopped. */
    private long heldSeconds;
    /** Virtual ns of the divider's phase zero: update boundaries fall on whole seconds after it. */
    private long divRefNs;
    /** Day of week as written, relative to the calendar's own. */
    private int dowOffset;
    /** PF, AF, UF as of {@link #syncedNs}. */
    private int flags;
    private long syncedNs;
    private boolean irqOut;

    public Mc146818(VirtualClock clock, EventScheduler scheduler, IrqLine irq, long startSeconds) {
        this.clock = clock;
        this.irq = irq;
        this.timer = scheduler.newTimer("rtc", this::onTimer);
        long now = clock.nanos();
        cmos[REG_A] = 0x26; // 32.768 kHz time base running, 1024 Hz periodic rate
        cmos[REG_B] = B_24H; // BCD, 24-hour, no interrupts
        divRefNs = now;
        baseSeconds = startSeconds;
        heldSeconds = startSeconds;
        syncedNs = now;
    }

    // ---------------------------------------------------------------- time base

    private int regA() {
        return cmos[REG_A] & 0x7F;
    }

    private int regB() {
        return cmos[REG_B] & 0xFF;
    }

    private boolean dividerRunning() {
        return (regA() >> 4 & 7) == 2;
    }

    private boolean ticking() {
        return dividerRunning() && (regB() & B_SET) == 0;
    }

    private long secondsAt(long ns) {
        return ticking() ? baseSeconds + Math.floorDiv(ns - divRefNs, SECOND) : heldSeconds;
    }

    /** The current time as a second count, for the board and tests. */
    public long seconds() {
        return secondsAt(clock.nanos());
    }

    /** Number of update cycles that end in (a, b]. */
    private long updatesEndingIn(long a, long b) {
        return Math.floorDiv(b - divRefNs, SECOND) - Math.floorDiv(a - divRefNs, SECOND);
    }

    /** Periodic interrupt period in 32.768 kHz clocks, or 0 when RS3-RS0 select none. */
    private int periodTicks() {
        int rs = regA() & 0x0F;
        if (rs == 0) {
            return 0;
        }
        return rs < 3 ? 1 << (rs + 6) : 1 << (rs - 1);
    }

    private long ticks32k(long ns) {
        long d = ns - divRefNs;
        return Math.floorDiv(d, SECOND) * 32768 + Math.floorMod(d, SECOND) * 32768 / SECOND;
    }

    private long nsOfTick32k(long tick) {
        return divRefNs + Math.floorDiv(tick, 32768) * SECOND + (Math.floorMod(tick, 32768) * SECOND + 32767) / 32768;
    }

    private boolean uip(long ns) {
        if (!ticking()) {
            return false;
        }
        long phase = Math.floorMod(ns - divRefNs, SECOND);
        return phase >= SECOND - UPDATE_NS - UIP_LEAD_NS;
    }

    /** Sets the flags for every periodic, update-ended and alarm event up to {@code now}. */
    private void sync(long now) {
        long a = syncedNs;
        if (now <= a) {
            return;
        }
        int p = periodTicks();
        if (dividerRunning() && p != 0 && Math.floorDiv(ticks32k(now), p) > Math.floorDiv(ticks32k(a), p)) {
            flags |= C_PF;
        }
        if (ticking()) {
            long n = updatesEndingIn(a, now);
            if (n > 0) {
                flags |= C_UF;
                // the update k ending in (a, now] set the time to baseSeconds + k
                long firstK = Math.floorDiv(a - divRefNs, SECOND) + 1;
                long first = baseSeconds + firstK;
                long match = nextAlarm(first);
                if (match != NEVER && match <= first + n - 1) {
                    flags |= C_AF;
                }
            }
        }
        syncedNs = now;
    }

    // ---------------------------------------------------------------- alarm

    /** The first second count at or after {@code from} that the alarm registers match, or NEVER. */
    private long nextAlarm(long from) {
        int s = alarmValue(cmos[1], false);
        int m = alarmValue(cmos[3], false);
        int h = alarmValue(cmos[5], true);
        if (s >= 60 || m >= 60 || h >= 24) {
            return NEVER; // a value the clock never shows
        }
        long day0 = Math.floorDiv(from, 86400);
        for (long day = day0; day <= day0 + 1; day++) {
            for (int hh = h < 0 ? 0 : h; hh <= (h < 0 ? 23 : h); hh++) {
                long hStart = day * 86400 + hh * 3600L;
                if (hStart + 3599 < from) {
                    continue;
                }
                for (int mm = m < 0 ? 0 : m; mm <= (m < 0 ? 59 : m); mm++) {
                    long mStart = hStart + mm * 60L;
                    if (mStart + 59 < from) {
                        continue;
                    }
                    for (int ss = s < 0 ? 0 : s; ss <= (s < 0 ? 59 : s); ss++) {
                        if (mStart + ss >= from) {
                            return mStart + ss;
                        }
                    }
                }
            }
        }
        return NEVER;
    }

    /** An alarm byte as a field value; -1 for "don't care" (the two high bits set). */
    private int alarmValue(byte raw, boolean hour) {
        int v = raw & 0xFF;
        if ((v & 0xC0) == 0xC0) {
            return -1;
        }
        return hour ? decodeHour(v) : decode(v);
    }

    // ---------------------------------------------------------------- interrupts and timer

    private void updateIrq() {
        int b = regB();
        boolean on = (flags & C_PF) != 0 && (b & B_PIE) != 0
                || (flags & C_AF) != 0 && (b & B_AIE) != 0
                || (flags & C_UF) != 0 && (b & B_UIE) != 0;
        if (on != irqOut) {
            irqOut = on;
            irq.setLevel(on);
        }
    }

    /** Arms the timer for the next enabled event that would change IRQF. */
    private void reschedule() {
        long now = syncedNs;
        long next = NEVER;
        int b = regB();
        int p = periodTicks();
        if ((b & B_PIE) != 0 && (flags & C_PF) == 0 && dividerRunning() && p != 0) {
            next = Math.min(next, nsOfTick32k((Math.floorDiv(ticks32k(now), p) + 1) * p));
        }
        if (ticking()) {
            long k = Math.floorDiv(now - divRefNs, SECOND) + 1; // next update to end
            if ((b & B_UIE) != 0 && (flags & C_UF) == 0) {
                next = Math.min(next, divRefNs + k * SECOND);
            }
            if ((b & B_AIE) != 0 && (flags & C_AF) == 0) {
                long match = nextAlarm(baseSeconds + k);
                if (match != NEVER) {
                    next = Math.min(next, divRefNs + (match - baseSeconds) * SECOND);
                }
            }
        }
        if (next == NEVER) {
            timer.cancel();
        } else {
            long c = clock.nanosToCycles(next);
            if (clock.cyclesToNanos(c) < next) {
                c++;
            }
            timer.scheduleAt(c);
        }
    }

    private void onTimer() {
        sync(clock.nanos());
        updateIrq();
        reschedule();
    }

    // ---------------------------------------------------------------- calendar

    private boolean binary() {
        return (regB() & B_DM) != 0;
    }

    private int encode(int v) {
        return binary() ? v : (v / 10) << 4 | v % 10;
    }

    private int decode(int raw) {
        return binary() ? raw : (raw >> 4) * 10 + (raw & 0xF);
    }

    private int encodeHour(int h) {
        if ((regB() & B_24H) != 0) {
            return encode(h);
        }
        int h12 = h % 12 == 0 ? 12 : h % 12;
        return encode(h12) | (h >= 12 ? 0x80 : 0);
    }

    private int decodeHour(int raw) {
        if ((regB() & B_24H) != 0) {
            return decode(raw);
        }
        int h12 = decode(raw & 0x7F) % 12;
        return (raw & 0x80) != 0 ? h12 + 12 : h12;
    }

    private static LocalDateTime calendar(long seconds) {
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    }

    private int timeRegister(int reg, long seconds) {
        LocalDateTime t = calendar(seconds);
        return switch (reg) {
            case 0 -> encode(t.getSecond());
            case 2 -> encode(t.getMinute());
            case 4 -> encodeHour(t.getHour());
            case 6 -> encode(Math.floorMod(t.getDayOfWeek().getValue() % 7 + dowOffset, 7) + 1); // Sunday = 1
            case 7 -> encode(t.getDayOfMonth());
            case 8 -> encode(t.getMonthValue());
            case 9 -> encode(t.getYear() % 100);
            default -> encode(t.getYear() / 100); // CENTURY
        };
    }

    /** The second count after the guest writes {@code raw} into time register {@code reg}. */
    private long withField(long seconds, int reg, int raw) {
        LocalDateTime t = calendar(seconds);
        int v = reg == 4 ? decodeHour(raw) : decode(raw);
        LocalDateTime n = switch (reg) {
            case 0 -> t.withSecond(0).plusSeconds(v);
            case 2 -> t.withMinute(0).plusMinutes(v);
            case 4 -> t.withHour(0).plusHours(v);
            case 7 -> t.withDayOfMonth(1).plusDays(Math.max(v, 1) - 1L);
            case 8 -> t.withMonth(1).plusMonths(Math.max(v, 1) - 1L);
            case 9 -> t.withYear(t.getYear() / 100 * 100 + Math.floorMod(v, 100));
            default -> t.withYear(Math.floorMod(v, 100) * 100 + t.getYear() % 100); // CENTURY
        };
        return n.toEpochSecond(ZoneOffset.UTC);
    }

    private static boolean isTimeRegister(int reg) {
        return reg == 0 || reg == 2 || reg == 4 || reg == 6 || reg == 7 || reg == 8 || reg == 9 || reg == CENTURY;
    }

    // ---------------------------------------------------------------- ports

    @Override
    public int read(int port, int size) {
        if ((port & 1) == 0) {
            return 0xFF; // the index register is write only
        }
        return readRegister(index);
    }

    @Override
    public void write(int port, int size, int value) {
        if ((port & 1) == 0) {
            index = value & 0x7F;
            nmiMasked = (value & 0x80) != 0;
        } else {
            writeRegister(index, value & 0xFF);
        }
    }

    /** The byte at {@code reg} as the guest would read it through port 0x71. */
    public int readRegister(int reg) {
        long now = clock.nanos();
        sync(now);
        if (isTimeRegister(reg)) {
            return timeRegister(reg, secondsAt(now));
        }
        switch (reg) {
            case REG_A:
                return regA() | (uip(now) ? 0x80 : 0);
            case REG_C: {
                int v = flags;
                if (irqOut) {
                    v |= C_IRQF;
                }
                flags = 0;
                updateIrq();
                reschedule();
                return v;
            }
            case REG_D:
                return 0x80; // VRT: the battery is good
            default:
                return cmos[reg & 0x7F] & 0xFF;
        }
    }

    /** Writes {@code reg} as the guest would through port 0x71. */
    public void writeRegister(int reg, int v) {
        long now = clock.nanos();
        sync(now);
        if (isTimeRegister(reg)) {
            if (reg == 6) {
                int calendarDow = calendar(secondsAt(now)).getDayOfWeek().getValue() % 7;
                dowOffset = Math.floorMod(decode(v) - 1 - calendarDow, 7);
            } else if (ticking()) {
                long cur = secondsAt(now);
                baseSeconds += withField(cur, reg, v) - cur;
            } else {
                heldSeconds = withField(heldSeconds, reg, v);
            }
        } else if (reg == REG_A) {
            writeRegA(now, v);
        } else if (reg == REG_B) {
            writeRegB(now, v);
        } else if (reg != REG_C && reg != REG_D) {
            cmos[reg & 0x7F] = (byte) v; // alarms and RAM
        }
        updateIrq();
        reschedule();
    }

    private void writeRegA(long now, int v) {
        boolean was = ticking();
        boolean wasRunning = dividerRunning();
        long cur = secondsAt(now);
        cmos[REG_A] = (byte) (v & 0x7F);
        if (wasRunning && !dividerRunning()) {
            heldSeconds = cur;
        } else if (!wasRunning && dividerRunning()) {
            // leaving divider reset: the first update begins 500 ms later
            divRefNs = now - SECOND / 2;
            resume(now, heldSeconds);
        } else if (was != ticking()) {
            heldSeconds = cur;
        }
    }

    private void writeRegB(long now, int v) {
        boolean was = ticking();
        long cur = secondsAt(now);
        if ((v & B_SET) != 0) {
            v &= ~B_UIE; // SET clears UIE
        }
        cmos[REG_B] = (byte) v;
        if (was && !ticking()) {
            heldSeconds = cur;
        } else if (!was && ticking()) {
            resume(now, heldSeconds);
        }
    }

    /** Starts counting from {@code seconds} at {@code now}; the next update keeps the divider's phase. */
    private void resume(long now, long seconds) {
        baseSeconds = seconds - Math.floorDiv(now - divRefNs, SECOND);
    }

    public boolean nmiMasked() {
        return nmiMasked;
    }

    // ---------------------------------------------------------------- board side

    /** Sets a CMOS RAM byte (0x0E-0x7F) from the board's configuration. */
    public void setCmos(int reg, int value) {
        if (reg < 0x0E || reg > 0x7F) {
            throw new IllegalArgumentException(String.format("CMOS byte 0x%02X is not RAM", reg));
        }
        if (reg == CENTURY) {
            writeRegister(reg, value);
        } else {
            cmos[reg] = (byte) value;
        }
    }

    public int cmos(int reg) {
        return reg == CENTURY ? readRegister(CENTURY) : cmos[reg & 0x7F] & 0xFF;
    }

    public String dump() {
        long now = clock.nanos();
        sync(now);
        return String.format("rtc: %s A=%02X B=%02X flags=%02X IRQ=%d index=%02X%s", calendar(secondsAt(now)),
                readRegister(REG_A), regB(), flags, irqOut ? 1 : 0, index, nmiMasked ? " NMI-masked" : "");
    }

    // ---------------------------------------------------------------- state

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        sync(clock.nanos());
        w.putBytes("cmos", cmos).putInt("index", index).putBoolean("nmiMasked", nmiMasked)
                .putLong("baseSeconds", baseSeconds).putLong("heldSeconds", heldSeconds)
                .putLong("divRefNs", divRefNs).putInt("dowOffset", dowOffset).putInt("flags", flags)
                .putLong("syncedNs", syncedNs).putBoolean("irqOut", irqOut);
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        System.arraycopy(r.getBytes("cmos", 128), 0, cmos, 0, 128);
        index = r.getInt("index") & 0x7F;
        nmiMasked = r.getBoolean("nmiMasked");
        baseSeconds = r.getLong("baseSeconds");
        heldSeconds = r.getLong("heldSeconds");
        divRefNs = r.getLong("divRefNs");
        dowOffset = Math.floorMod(r.getInt("dowOffset"), 7);
        flags = r.getInt("flags") & (C_PF | C_AF | C_UF);
        syncedNs = r.getLong("syncedNs");
        irqOut = r.getBoolean("irqOut");
    }

    @Override
    public void postLoad() {
        irq.setLevel(irqOut);
        reschedule();
    }
}
