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
    /** Time spent in Jinx, and waiting for the native runner after that, for the throughput report. */
    long nativeWaitNanos;
    long jinxNanos;

    Runner(NativeHost host) {
        this.host = host;
    }

    List<Verdict> check(List<TestCase> cases) {
        // The native process runs while Jinx works through the same cases.
        NativeHost.Pending pending = host.start(cases);
        long t0 = System.nanoTime();
        List<Outcome> ours = new ArrayList<>(cases.size());
        for (TestCase tc : cases) {
            ours.add(jinx.run(tc));
        }
        long t1 = System.nanoTime();
        List<Outcome> native_ = host.finish(pending);
        long t2 = System.nanoTime();
        jinxNanos += t1 - t0;
        nativeWaitNanos += t2 - t1;
        List<Verdict> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            out.add(new Verdict(cases.get(i), native_.get(i), ours.get(i)));
        }
        return out;
    }

    @Override
    public void close() {
        host.close();
    }
}
