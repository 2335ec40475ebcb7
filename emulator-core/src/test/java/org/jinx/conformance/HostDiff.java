package org.jinx.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The differential tester's long run: generates {@code --count} cases from {@code --seed},
 * runs them natively and in Jinx in batches, shrinks failures and prints one reproducer per
 * distinct failure. {@code --replay LINE} runs one case given as the "replay:" line of a
 * report. Exit status 0 when everything agreed, 1 on mismatches, 2 on bad arguments or when
 * the host cannot run 32-bit code. See docs/cpu-conformance.md.
 */
public final class HostDiff {
    /** What a run found. */
    static final class Summary {
        long cases;
        long failed;
        double seconds;
        /** One reproducer per distinct (shrunk) failure, by signature, with its count. */
        final Map<String, String> reports = new LinkedHashMap<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        long unshrunk;

        double rate() {
            return seconds > 0 ? cases / seconds : 0;
        }
    }

    private HostDiff() {
    }

    /**
     * Runs {@code count} cases of {@code seed}. At most {@code maxShrinks} failures are shrunk
     * (shrinking costs a few hundred runs each); the rest are counted.
     */
    static Summary run(Runner runner, long seed, long count, int batch, int maxShrinks, PrintStream log) {
        Summary s = new Summary();
        Generator gen = new Generator(seed, NativeHost.vendor().equals("AuthenticAMD"));
        long start = System.nanoTime();
        long lastLog = start;
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(batch, count - done);
            List<TestCase> cases = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cases.add(gen.next(done + i));
            }
            List<Runner.Verdict> verdicts = runner.check(cases);
            for (int i = 0; i < n; i++) {
                Runner.Verdict v = verdicts.get(i);
                if (!v.failed()) {
                    continue;
                }
                s.failed++;
                if (s.failed - s.unshrunk > maxShrinks) {
                    s.unshrunk++;
                    continue;
                }
                Runner.Verdict small = Shrinker.shrink(runner, v);
                String key = Report.signature(small);
                s.counts.merge(key, 1, Integer::sum);
                if (!s.reports.containsKey(key)) {
                    String text = Report.format(String.format("case %d of seed %d", done + i, seed), v, small);
                    s.reports.put(key, text);
                    if (log != null) {
                        log.print(text);
                        log.flush();
                    }
                }
            }
            done += n;
            s.cases = done;
            long now = System.nanoTime();
            if (log != null && now - lastLog > 10_000_000_000L) {
                lastLog = now;
                log.printf("... %d cases, %d failed, %.0f cases/s%n", done, s.failed, done / ((now - start) / 1e9));
                log.flush();
            }
        }
        s.seconds = (System.nanoTime() - start) / 1e9;
        return s;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        long seed = System.currentTimeMillis();
        long count = 10_000;
        int batch = 2000;
        int maxShrinks = 20;
        String replay = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    out.println("usage: HostDiff [--seed S] [--count N] [--batch B] [--shrink K] | --replay LINE");
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--seed": seed = Long.decode(v); break;
                    case "--count": count = Long.parseLong(v); break;
                    case "--batch": batch = Integer.parseInt(v); break;
                    case "--shrink": maxShrinks = Integer.parseInt(v); break;
                    case "--replay": replay = v; break;
                    default: throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (count < 0 || batch < 1) {
                throw new IllegalArgumentException("--count must be >= 0 and --batch >= 1");
            }
        } catch (IllegalArgumentException e) {
            out.println("HostDiff: " + e.getMessage());
            return 2;
        }
        NativeHost host;
        try {
            host = NativeHost.open();
        } catch (NativeHost.Unavailable e) {
            out.println("HostDiff: cannot use the host processor: " + e.getMessage());
            return 2;
        }
        try (Runner runner = new Runner(host)) {
            if (replay != null) {
                TestCase tc;
                try {
                    tc = TestCase.parse(replay);
                } catch (IllegalArgumentException e) {
                    out.println("HostDiff: bad replay line: " + e.getMessage());
                    return 2;
                }
                Runner.Verdict v = runner.check(List.of(tc)).get(0);
                out.print(Report.format("replayed case", v, v));
                return v.failed() ? 1 : 0;
            }
            out.printf("HostDiff: seed %d, %d cases, host %s (%s)%n", seed, count, NativeHost.model(), NativeHost.vendor());
            Summary s = run(runner, seed, count, batch, maxShrinks, out);
            out.printf("HostDiff: seed %d: %d cases in %.1f s (%.0f cases/s), %d failed, %d distinct after shrinking%s%n",
                    seed, s.cases, s.seconds, s.rate(), s.failed, s.reports.size(),
                    s.unshrunk > 0 ? ", " + s.unshrunk + " not shrunk" : "");
            out.printf("  time: Jinx %.1f s, waiting for the native runner %.1f s, generation and comparison the rest%n",
                    runner.jinxNanos / 1e9, runner.nativeWaitNanos / 1e9);
            for (Map.Entry<String, Integer> e : s.counts.entrySet()) {
                out.printf("  %4d x %s%n", e.getValue(), e.getKey());
            }
            return s.failed == 0 ? 0 : 1;
        }
    }
}
