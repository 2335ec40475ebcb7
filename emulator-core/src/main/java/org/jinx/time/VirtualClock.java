package org.jinx.time;

/**
 * The only time devices see: CPU clocks since reset, converted to nanoseconds by the
 * configured CPU frequency.
 */
public final class VirtualClock {
    private long cycles;
    private final long hz;

    public VirtualClock(long hz) {
        if (hz <= 0) {
            throw new IllegalArgumentException("CPU frequency must be positive: " + hz);
        }
        this.hz = hz;
    }

    public long cycles() {
        return cycles;
    }

    public void advance(long n) {
        cycles += n;
    }

    public void setCycles(long c) {
        cycles = c;
    }

    public long hz() {
        return hz;
    }

    /** Virtual nanoseconds since reset. */
    public long nanos() {
        return cyclesToNanos(cycles);
    }

    public long cyclesToNanos(long c) {
        return c / hz * 1_000_000_000L + c % hz * 1_000_000_000L / hz;
    }

    public long nanosToCycles(long ns) {
        return ns / 1_000_000_000L * hz + ns % 1_000_000_000L * hz / 1_000_000_000L;
    }
}
