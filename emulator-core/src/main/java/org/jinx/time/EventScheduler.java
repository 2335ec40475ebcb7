package org.jinx.time;

import java.util.PriorityQueue;

/**
 * Deadlines in virtual cycles. Devices schedule only their next edge; the run loop executes
 * the CPU until the earliest deadline, then fires what is due.
 */
public final class EventScheduler {
    private final VirtualClock clock;
    private final PriorityQueue<TimerEvent> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline) != 0
                    ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    private long seq;
    private Runnable earlierDeadline = () -> { };

    public EventScheduler(VirtualClock clock) {
        this.clock = clock;
    }

    public VirtualClock clock() {
        return clock;
    }

    /** A re-armable timer owned by one device. */
    public final class TimerEvent {
        private final String name;
        private final Runnable action;
        long deadline;
        long seq;
        boolean armed;

        TimerEvent(String name, Runnable action) {
            this.name = name;
            this.action = action;
        }

        public String name() {
            return name;
        }

        public boolean armed() {
            return armed;
        }

        public long deadline() {
            return deadline;
        }

        /** Arms (or re-arms) the timer at an absolute cycle count. */
        public void scheduleAt(long cycle) {
            long earliest = nextDeadline();
            if (armed) {
                queue.remove(this);
            }
            deadline = cycle;
            this.seq = EventScheduler.this.seq++;
            armed = true;
            queue.add(this);
            if (cycle < earliest) {
                earlierDeadline.run();
            }
        }

        public void scheduleIn(long cyclesFromNow) {
            scheduleAt(clock.cycles() + cyclesFromNow);
        }

        public void cancel() {
            if (armed) {
                queue.remove(this);
                armed = false;
            }
        }
    }

    /**
     * Told when a timer is armed ahead of the earliest deadline, so a run loop already executing
     * toward that deadline (a device was programmed by an OUT) can stop and pick up the new one.
     */
    public void setEarlierDeadlineListener(Runnable listener) {
        earlierDeadline = listener;
    }

    public TimerEvent newTimer(String name, Runnable action) {
        return new TimerEvent(name, action);
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} when nothing is armed. */
    public long nextDeadline() {
        TimerEvent e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.deadline;
    }

    /** Fires every timer whose deadline has passed, in deadline order. */
    public void runDue() {
        long now = clock.cycles();
        TimerEvent e;
        while ((e = queue.peek()) != null && e.deadline <= now) {
            queue.poll();
            e.armed = false;
            e.action.run();
        }
    }
}
