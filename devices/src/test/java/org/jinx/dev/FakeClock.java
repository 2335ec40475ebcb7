package org.jinx.dev;

import org.jinx.time.EventScheduler;
import org.jinx.time.VirtualClock;

/**
 * Virtual time moved by hand: a {@link VirtualClock} and its {@link EventScheduler}, where
 * {@link #advanceTo} stops at every deadline on the way and fires it at its exact cycle, as the
 * machine's run loop would with an idle CPU.
 */
public final class FakeClock {
    /** 10 MHz: one cycle is 100 ns, so virtual times in tests are easy to state. */
    public static final long HZ = 10_000_000L;

    public final VirtualClock clock = new VirtualClock(HZ);
    public final EventScheduler scheduler = new EventScheduler(clock);

    public long cycles() {
        return clock.cycles();
    }

    public void advanceTo(long cycle) {
        while (scheduler.nextDeadline() <= cycle) {
            long due = scheduler.nextDeadline();
            if (due > clock.cycles()) {
                clock.setCycles(due);
            }
            scheduler.runDue();
        }
        if (cycle > clock.cycles()) {
            clock.setCycles(cycle);
        }
    }

    public void advance(long cycles) {
        advanceTo(clock.cycles() + cycles);
    }

    public void advanceNanos(long ns) {
        advanceTo(clock.nanosToCycles(clock.nanos() + ns));
    }

    public void advanceMicros(long us) {
        advanceNanos(us * 1000);
    }

    public void advanceMillis(long ms) {
        advanceNanos(ms * 1_000_000);
    }
}
