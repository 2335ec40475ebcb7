package org.jinx.kernel.debug;

import java.util.HashMap;
import java.util.Map;

/**
 * Which address space each software breakpoint belongs to. gdb inserts its breakpoints when it
 * resumes and removes them when the guest stops, each time with whatever thread is selected
 * then; a breakpoint first inserted while process A was selected must stay A's even when the
 * next stop comes in process B. So a removed breakpoint is parked with its space, and inserting
 * the same address again takes the parked space rather than the selected one. A parked entry
 * lives through one more stop (gdb steps over a breakpoint at the PC before putting it back) and
 * is then forgotten, so a breakpoint the user deleted does not bind a later one at the same
 * address for long (within that time it does: gdb does not say that a breakpoint was deleted
 * rather than taken out for a stop). gdb inserts at most one breakpoint per address, so the
 * address is the key (for hardware points the caller folds the kind into it).
 */
final class BreakpointSpaces {
    private final Map<Long, Integer> active = new HashMap<>();
    /** Removed since the last stop, and removed in the interval before it. */
    private Map<Long, Integer> parked = new HashMap<>();
    private Map<Long, Integer> parkedBefore = new HashMap<>();

    /** The space an insertion at {@code addr} belongs to: its parked one, else {@code selectedSpace}. */
    int spaceFor(long addr, int selectedSpace) {
        Integer s = parked.get(addr);
        if (s == null) {
            s = parkedBefore.get(addr);
        }
        return s != null ? s : selectedSpace;
    }

    void inserted(long addr, int space) {
        active.put(addr, space);
        parked.remove(addr);
        parkedBefore.remove(addr);
    }

    /** The space of the active breakpoint at {@code addr}, or null. */
    Integer activeSpace(long addr) {
        return active.get(addr);
    }

    /** Marks the breakpoint at {@code addr} removed and parks its space. */
    void removed(long addr) {
        Integer s = active.remove(addr);
        if (s != null) {
            parked.put(addr, s);
        }
    }

    /** The guest stopped: entries parked before the previous stop are forgotten. */
    void stopped() {
        parkedBefore = parked;
        parked = new HashMap<>();
    }

    void clear() {
        active.clear();
        parked.clear();
        parkedBefore.clear();
    }
}
