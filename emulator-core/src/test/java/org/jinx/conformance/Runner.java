package org.jinx.conformance;

import java.util.ArrayList;
import java.util.List;

/** Runs cases on the host and in Jinx and compares them. */
final class Runner implements AutoCloseable {
    /** A case with both outcomes and what differs. */
    static final class Verdict {
        final TestCase tc;
        final Outcome host;
        final Outcome jinx;
        final List<Comparison.Mismatch> mismatches;

        Verdict(TestCase tc, Outcome host, Outcome jinx) {
            this.tc = tc;
            this.host = host;
            this.jinx = jinx;
            this.mismatches = Comparison.compare(tc, host, jinx);
        }

        boolean failed() {
            return !mismatches.isEmpty();
        }
    }

    private final NativeHost host;
    private final JinxHost jinx = new JinxHost();

    Runner(NativeHost host) {
        this.host = host;
    }

    List<Verdict> check(List<TestCase> cases) {
        List<Outcome> native_ = host.run(cases);
        List<Verdict> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            out.add(new Verdict(cases.get(i), native_.get(i), jinx.run(cases.get(i))));
        }
        return out;
    }

    @Override
    public void close() {
        host.close();
    }
}
