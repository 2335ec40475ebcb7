package org.jinx.conformance;

import java.util.Arrays;
import java.util.List;

/**
 * Walks a sequence of units and checks that it is a fair test: no instruction reads a flag
 * that an earlier one left undefined, the stack stays inside its area, and branch bodies leave
 * ESP as they found it. Records which flags are undefined at every instruction boundary, so a
 * result can be compared at the end or at whichever instruction faulted.
 */
final class Analysis {
    /** Null when the sequence is a fair test, else why not. */
    final String problem;
    /** Undefined OSZAPC flags before the instruction at each offset (and at the end). */
    private final int[] undefinedAt;

    private int undef;
    private int esp;
    private int offset;
    private String error;

    private Analysis(List<Unit> units, int esp0, int length) {
        undefinedAt = new int[length + 1];
        Arrays.fill(undefinedAt, UndefinedFlags.OSZAPC);
        esp = esp0;
        for (Unit u : units) {
            if (error == null) {
                unit(u);
            }
        }
        undefinedAt[offset] = undef;
        problem = error;
    }

    static Analysis of(List<Unit> units, int esp0) {
        int len = 0;
        for (Unit u : units) {
            len += u.length();
        }
        return new Analysis(units, esp0, len);
    }

    /** Undefined flags before the instruction at {@code offset} from the start of the code. */
    int undefinedAt(int offset) {
        return offset >= 0 && offset < undefinedAt.length ? undefinedAt[offset] : UndefinedFlags.OSZAPC;
    }

    int undefinedAtEnd() {
        return undefinedAt[undefinedAt.length - 1];
    }

    /** The state a generator continues from: undefined flags and ESP after the units so far. */
    static final class State {
        int undef;
        int esp;

        State(int undef, int esp) {
            this.undef = undef;
            this.esp = esp;
        }

        State copy() {
            return new State(undef, esp);
        }
    }

    /**
     * Applies one unit to {@code s} in place. Returns null if that is fair, else the reason;
     * on a problem {@code s} is left unspecified.
     */
    static String step(State s, Unit u) {
        Analysis a = new Analysis(s, u);
        s.undef = a.undef;
        s.esp = a.esp;
        return a.error;
    }

    private Analysis(State s, Unit u) {
        undefinedAt = new int[u.length() + 1];
        undef = s.undef;
        esp = s.esp;
        unit(u);
        problem = error;
    }

    private void unit(Unit u) {
        if (u.stackLo != u.stackHi) {
            long lo = (esp & 0xFFFFFFFFL) + u.stackLo;
            long hi = (esp & 0xFFFFFFFFL) + u.stackHi;
            if (lo < Layout.BUF || hi > Layout.BUF + Layout.BUF_SIZE) {
                error = String.format("%s touches the stack outside the buffer (ESP %08X)", u.what, esp);
                return;
            }
        }
        int base = offset;
        for (int i = 0; i < u.starts.length; i++) {
            int at = base + u.starts[i];
            undefinedAt[at] = undef;
            if ((u.reads[i] & undef) != 0) {
                error = String.format("%s reads undefined flags %s", u.what, Flags.names(u.reads[i] & undef));
                return;
            }
            undef = undef & ~u.writes[i] | u.undefs[i];
        }
        offset += u.head.length + u.dispSize;
        if (u.isBranch()) {
            int atBranch = undef;
            int espBefore = esp;
            for (Unit b : u.body) {
                unit(b);
                if (error != null) {
                    return;
                }
            }
            if (esp != espBefore) {
                error = u.what + ": the skipped units move ESP";
                return;
            }
            undef |= atBranch;
        }
        esp = u.setsEsp ? u.espAbsolute : esp + u.espDelta;
        if (esp < Layout.ESP_MIN || esp > Layout.ESP_MAX) {
            error = String.format("%s leaves ESP at %08X, outside the stack area", u.what, esp);
        }
    }
}
