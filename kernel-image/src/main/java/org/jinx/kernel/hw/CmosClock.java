package org.jinx.kernel.hw;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jinx.kernel.PortIo;

/**
 * Reads the wall-clock time once at boot from the MC146818 real-time clock, the way a PC kernel
 * learns its boot time. The time is whatever the board's RTC says, so a deterministic board
 * gives a deterministic boot time; without an RTC (ports float high) it is 0.
 */
public final class CmosClock {
    static final int INDEX = 0x70, DATA = 0x71;
    private static final int SECONDS = 0x00, MINUTES = 0x02, HOURS = 0x04, DAY = 0x07, MONTH = 0x08,
            YEAR = 0x09, STATUS_A = 0x0A, STATUS_B = 0x0B, CENTURY = 0x32;
    private static final int UIP = 0x80, BINARY = 0x04, HOURS_24 = 0x02;

    private CmosClock() {
    }

    /** Seconds since 1970-01-01 00:00 UTC, treating the RTC's fields as UTC; 0 if no RTC answers. */
    public static long bootTime(PortIo io) {
        // Wait out an update in progress (at most ~2 ms of the chip's time; bounded here).
        for (int i = 0; i < 1000 && (read(io, STATUS_A) & UIP) != 0; i++) {
            // spin
        }
        int b = read(io, STATUS_B);
        if (b == 0xFF) {
            return 0;
        }
        boolean bcd = (b & BINARY) == 0;
        int sec = field(io, SECONDS, bcd);
        int min = field(io, MINUTES, bcd);
        int hourRaw = read(io, HOURS);
        boolean pm = (hourRaw & 0x80) != 0;
        int hour = bcd ? fromBcd(hourRaw & 0x7F) : hourRaw & 0x7F;
        if ((b & HOURS_24) == 0) {
            hour = hour % 12 + (pm ? 12 : 0);
        }
        int day = field(io, DAY, bcd);
        int month = field(io, MONTH, bcd);
        int year = field(io, YEAR, bcd);
        int century = field(io, CENTURY, bcd);
        int fullYear = (century >= 19 && century <= 30 ? century : 20) * 100 + year;
        try {
            return LocalDateTime.of(fullYear, month, day, hour, min, sec).toEpochSecond(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return 0; // an RTC with nonsense in it: no boot time
        }
    }

    private static int field(PortIo io, int reg, boolean bcd) {
        int v = read(io, reg);
        return bcd ? fromBcd(v) : v;
    }

    private static int read(PortIo io, int reg) {
        io.outb(INDEX, reg);
        return io.inb(DATA);
    }

    private static int fromBcd(int v) {
        return (v >>> 4) * 10 + (v & 0xF);
    }
}
