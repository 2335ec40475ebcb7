package org.jinx.kernel.system;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.clock.ClockTask;

/**
 * The kernel's real-time clock, as MINIX keeps it: the boot time in seconds since the epoch and
 * "realtime", a tick count since boot that SYS_SETTIME may set or slew, kept apart from the
 * monotonic tick count that alarms and uptime use. The time of day is boot time plus realtime
 * divided by HZ. SYS_TIMES reads it, SYS_STIME sets the boot time, SYS_SETTIME the rest.
 *
 * <p>A slew (adjtime) is worked off at one tick per tick: realtime runs at double speed, or
 * stands still, until the delta is used up, so it never goes backwards. It is computed from the
 * tick count when asked, not on every tick.
 */
final class RealTime {
    private final Kernel kernel;
    /** realtime minus the monotonic count, for the part already settled. */
    private long offset;
    /** The slew in progress: ticks still to add (negative: to hold back), from tick adjStart on. */
    private long adjDelta;
    private long adjStart;

    RealTime(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Seconds since the epoch at boot: the RTC's reading unless SYS_STIME or SYS_SETTIME changed it. */
    long bootTime() {
        return kernel.bootTime();
    }

    /** Kept by the kernel, so everything that reports it (the kernel-info page too) agrees. */
    void setBootTime(long seconds) {
        kernel.setBootTime(seconds);
    }

    /** Realtime ticks since boot. */
    long ticks() {
        long now = kernel.clock().ticks();
        return now + offset + slewed(now);
    }

    /** Sets realtime to {@code realTicks} and drops any slew. */
    void set(long realTicks) {
        offset = realTicks - kernel.clock().ticks();
        adjDelta = 0;
    }

    /** Starts a slew of {@code deltaTicks}, replacing the one in progress (what is done of it stays). */
    void adjust(long deltaTicks) {
        long now = kernel.clock().ticks();
        offset += slewed(now);
        adjDelta = deltaTicks;
        adjStart = now;
    }

    /** The slew still to come, in ticks. */
    long pendingAdjustment() {
        long now = kernel.clock().ticks();
        return adjDelta - slewed(now);
    }

    private long slewed(long now) {
        long done = Math.min(Math.abs(adjDelta), now - adjStart);
        return adjDelta < 0 ? -done : done;
    }

    static long secondsToTicks(long sec, long nsec) {
        return sec * ClockTask.HZ + nsec * ClockTask.HZ / 1_000_000_000L;
    }
}
