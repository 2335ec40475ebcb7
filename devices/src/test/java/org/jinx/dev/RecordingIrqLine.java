package org.jinx.dev;

import java.util.ArrayList;
import java.util.List;
import org.jinx.bus.IrqLine;
import org.jinx.time.VirtualClock;

/** An interrupt line that remembers its level and every change, with the virtual time of each. */
public final class RecordingIrqLine implements IrqLine {
    /** One level change. */
    public record Change(long cycle, boolean high) {
    }

    private final VirtualClock clock;
    private final List<Change> changes = new ArrayList<>();
    private boolean level;
    private int calls;

    public RecordingIrqLine(VirtualClock clock) {
        this.clock = clock;
    }

    public RecordingIrqLine() {
        this(null);
    }

    @Override
    public void setLevel(boolean high) {
        calls++;
        if (high != level) {
            level = high;
            changes.add(new Change(clock == null ? 0 : clock.cycles(), high));
        }
    }

    public boolean high() {
        return level;
    }

    /** Number of low-to-high transitions seen. */
    public int risingEdges() {
        return (int) changes.stream().filter(Change::high).count();
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Cycles at which the line went high. */
    public List<Long> risingCycles() {
        return changes.stream().filter(Change::high).map(Change::cycle).toList();
    }

    /** Calls to setLevel, including those that did not change the level. */
    public int calls() {
        return calls;
    }

    public void clear() {
        changes.clear();
    }
}
