package org.jinx.kernel.clock;

import org.jinx.kernel.abi.Abi;

import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Proc;

/**
 * Kernel time, driven by the clock interrupt (PIT IRQ 0): the monotonic tick count since boot
 * (the timestamp in every notification), per-process time accounting, quanta, and the one-shot
 * alarms of SYS_SETALARM (spec 6.4).
 *
 * <p>Alarms belong to privilege structures, one each (MINIX s_alarm_timer), and so stay with the
 * slot across a live update. When one expires the kernel sends a notification from CLOCK. The
 * time base is the tick, and ticks come only from virtual time, so a deterministic run fires
 * every alarm at the same instruction every time.
 */
public final class ClockTask {
    /** Clock interrupts per second (MINIX's default system_hz). */
    @Abi("DEFAULT_HZ")
    public static final int HZ = 60;

    /** What the kernel does when time runs out for someone. */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void alarmExpired(int privId) {
            }

            @Override
            public void quantumExpired(Proc p) {
            }
        };

        /** The alarm of priv id {@code privId} has gone off (it is already disarmed). */
        void alarmExpired(int privId);

        /** The running process has used up its quantum (its ticks are already refilled). */
        void quantumExpired(Proc p);
    }

    private long ticks;
    /** Expiry tick of each priv id's alarm; 0 when none is set. */
    private final long[] alarm = new long[PrivTable.NR_SYS_PROCS];
    /** The earliest armed expiry, so most ticks need no scan. */
    private long nextExpiry = Long.MAX_VALUE;
    private Listener listener = Listener.NONE;

    public void setListener(Listener l) {
        listener = l;
    }

    public long ticks() {
        return ticks;
    }

    /**
     * One clock interrupt. {@code running} is the interrupted process, or null when idle; it is
     * charged the tick, and if its quantum is used up the listener decides what happens to it.
     * Alarms that are due go off after that.
     */
    public void tick(Proc running) {
        ticks++;
        if (running != null && running.isRunnable()) {
            running.userTicks++;
            if (--running.ticksLeft <= 0) {
                running.ticksLeft = running.quantumTicks;
                listener.quantumExpired(running);
            }
        }
        if (ticks >= nextExpiry) {
            fireDueAlarms();
        }
    }

    // ---------------------------------------------------------------- alarms (SYS_SETALARM)

    /**
     * Sets priv id's alarm to go off at absolute tick {@code expiry} (0 cancels it) and returns
     * the ticks that were left on the previous one (0 if none was set).
     */
    public long setAlarm(int privId, long expiry) {
        long left = timeLeft(privId);
        alarm[privId] = expiry;
        // An expiry already in the past goes off at the next tick.
        recomputeNext();
        return left;
    }

    /** Ticks until priv id's alarm goes off, or 0 if it has none. */
    public long timeLeft(int privId) {
        long e = alarm[privId];
        return e == 0 ? 0 : Math.max(0, e - ticks);
    }

    public void cancelAlarm(int privId) {
        setAlarm(privId, 0);
    }

    /** True while any alarm is armed: something may still wake a process. */
    public boolean anyAlarm() {
        return nextExpiry != Long.MAX_VALUE;
    }

    private void fireDueAlarms() {
        for (int id = 0; id < alarm.length; id++) {
            if (alarm[id] != 0 && alarm[id] <= ticks) {
                alarm[id] = 0;
                listener.alarmExpired(id);
            }
        }
        recomputeNext();
    }

    private void recomputeNext() {
        long next = Long.MAX_VALUE;
        for (long e : alarm) {
            if (e != 0 && e < next) {
                next = e;
            }
        }
        nextExpiry = next;
    }
}
