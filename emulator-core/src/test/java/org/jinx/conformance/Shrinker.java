package org.jinx.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reduces a failing case to a minimal one: repeatedly tries every way to drop one unit (at
 * the top level or inside a branch body) or to replace a branch by the units it skips, keeps
 * the first variant that is still a fair test and still fails in one of the same places, and
 * stops when no such variant is left. Every round runs its candidates as one native batch.
 */
final class Shrinker {
    private Shrinker() {
    }

    static Runner.Verdict shrink(Runner runner, Runner.Verdict failing) {
        Runner.Verdict best = failing;
        Set<String> fields = fields(failing);
        boolean progress = true;
        while (progress) {
            progress = false;
            List<TestCase> candidates = new ArrayList<>();
            for (List<Unit> units : variants(best.tc.units)) {
                TestCase c = best.tc.withUnits(units);
                if (c.code().length > 0 && c.analysis().problem == null) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            for (Runner.Verdict v : runner.check(candidates)) {
                Set<String> f = fields(v);
                f.retainAll(fields);
                if (!f.isEmpty()) {
                    best = v;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }

    private static Set<String> fields(Runner.Verdict v) {
        Set<String> s = new HashSet<>();
        for (Comparison.Mismatch m : v.mismatches) {
            s.add(m.field());
        }
        return s;
    }

    /** Every sequence one step smaller than {@code units}, the simplest steps first. */
    static List<List<Unit>> variants(List<Unit> units) {
        List<List<Unit>> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            List<Unit> without = new ArrayList<>(units);
            without.remove(i);
            out.add(without);
        }
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (!u.isBranch()) {
                continue;
            }
            List<Unit> unwrapped = new ArrayList<>(units.subList(0, i));
            unwrapped.addAll(u.body);
            unwrapped.addAll(units.subList(i + 1, units.size()));
            out.add(unwrapped);
            for (List<Unit> smallerBody : variants(u.body)) {
                List<Unit> v = new ArrayList<>(units);
                v.set(i, u.withBody(smallerBody));
                out.add(v);
            }
        }
        return out;
    }
}
