package org.jinx.kernel.clock;

import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * Kernel time: the monotonic tick count since boot (the timestamp in every notification) and
 * quantum accounting. Each clock interrupt charges a tick to the running process; when its
 * quantum is used up it goes to the tail of its queue. Alarms (SYS_SETALARM) come later.
 */
public final class ClockTask {
    /** Clock interrupts per second. */
    public static final int HZ = 60;

    private long ticks;

    public long ticks() {
        return ticks;
    }

    /** One clock interrupt; {@code running} is the interrupted process, or null when idle. */
    public void tick(Proc running) {
        ticks++;
        if (running == null || !running.isRunnable()) {
            return;
        }
        if (--running.ticksLeft <= 0) {
            running.ticksLeft = running.quantumTicks;
            // Round robin through the one pair that moves processes between queues.
            running.setRts(RtsFlag.NO_QUANTUM);
            running.clearRts(RtsFlag.NO_QUANTUM);
        }
    }
}
