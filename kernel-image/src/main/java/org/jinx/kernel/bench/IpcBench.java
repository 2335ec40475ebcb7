package org.jinx.kernel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jinx.boot.BootException;
import org.jinx.kernel.boot.BootImage;
import org.jinx.kernel.boot.HostedSystem;

/**
 * The IPC benchmark: two guest processes (bench_client and bench_server, packaged with the
 * kernel) exchange SENDREC round trips, NOTIFY round trips and asynsend messages through the
 * real trap path on the PC board. The guest prints a line at the start and end of each phase;
 * the host timestamps each line as it arrives, so the rates are per host second, with the
 * emulated time (virtual cycles at the configured CPU frequency) beside them, and per second of
 * the emulator thread's own CPU time, which a busy shared host disturbs less than wall time.
 * Each phase runs a
 * warm-up first, which is not reported, and the whole pair is booted and run twice untimed
 * before the measured run (as {@code jinx bench} does), so the figures are the JIT-compiled
 * steady state rather than the JVM's warm-up. A benchmark, not a test: it prints figures and
 * asserts nothing.
 *
 * <p>Run: {@code ./jinx bench-ipc [--rounds N]}, or without the CLI:
 * {@code java -cp kernel-image/target/classes:emulator-core/target/classes:devices/target/classes
 * org.jinx.kernel.bench.IpcBench [N]}.
 */
public final class IpcBench {
    /** One measured phase: what moved, how many, in how long (host and emulated). */
    public record Phase(String name, String unit, long count, long hostNanos, long cpuNanos, long virtualCycles) {
        public double perHostSecond() {
            return count * 1e9 / hostNanos;
        }

        /** Per second of the emulator thread's CPU time (-1 where the JVM cannot measure it). */
        public double perCpuSecond() {
            return cpuNanos > 0 ? count * 1e9 / cpuNanos : -1;
        }
    }

    private record Mark(String line, long nanos, long cpuNanos, long cycles) {
    }

    private final int rounds;
    private final long cpuHz;
    private final int warmupRuns;

    /** With two untimed runs first: one still leaves the JIT compiling during the first phase. */
    public IpcBench(int rounds, long cpuHz) {
        this(rounds, cpuHz, 2);
    }

    /** @param warmupRuns untimed runs of the pair before the measured one */
    public IpcBench(int rounds, long cpuHz, int warmupRuns) {
        this.rounds = rounds;
        this.cpuHz = cpuHz;
        this.warmupRuns = warmupRuns;
    }

    /** Runs the pair the warm-up times, then once more measured; returns its phases, in order. */
    public List<Phase> run() throws BootException {
        for (int i = 0; i < warmupRuns; i++) {
            runOnce();
        }
        return runOnce();
    }

    private List<Phase> runOnce() throws BootException {
        List<Mark> marks = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        List<String> log = new ArrayList<>();
        HostedSystem[] sys = new HostedSystem[1];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        sys[0] = HostedSystem.onPc(new HostedSystem.Settings(32 << 20, cpuHz, true), text -> {
            partial.append(text);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                long now = System.nanoTime();
                long cpu = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
                marks.add(new Mark(partial.substring(0, nl), now, cpu, sys[0].machine.clock.cycles()));
                partial.delete(0, nl + 1);
            }
        }, log::add);
        sys[0].boot(List.of(
                BootImage.Module.system("bench_client", program("bench_client"), Integer.toString(rounds)),
                BootImage.Module.system("bench_server", program("bench_server"))));
        HostedSystem.Outcome o = sys[0].run(0);
        if (o.end() != HostedSystem.End.ALL_EXITED || o.firstFailure() != 0) {
            throw new IllegalStateException("the benchmark did not finish cleanly: " + o.end() + " " + o.statuses()
                    + " " + log);
        }
        Map<String, Mark> begins = new LinkedHashMap<>();
        List<Phase> phases = new ArrayList<>();
        for (Mark m : marks) {
            String[] w = m.line.split(" ");
            if (w.length < 3 || !w[0].equals("bench:") || w[1].endsWith("-warmup")) {
                continue;
            }
            if (w[2].equals("begin")) {
                begins.put(w[1], m);
            } else if (w[2].equals("end")) {
                Mark b = begins.get(w[1]);
                long count = Long.parseLong(w[3]);
                phases.add(new Phase(w[1], unit(w[1]), count, m.nanos - b.nanos, m.cpuNanos - b.cpuNanos,
                        m.cycles - b.cycles));
            }
        }
        return phases;
    }

    private static String unit(String phase) {
        return switch (phase) {
            case "sendrec" -> "SENDREC round trips";
            case "notify" -> "NOTIFY round trips";
            default -> "SENDA messages";
        };
    }

    /** The table the CLI prints. */
    public void print(List<Phase> phases, PrintStream out) {
        out.printf("IPC between two guest processes, %d rounds per phase, %d MHz emulated CPU%n", rounds,
                cpuHz / 1_000_000);
        out.printf("%-22s %12s %14s %14s %16s%n", "phase", "count", "per host s", "per CPU s", "per emulated s");
        for (Phase p : phases) {
            double virtualSeconds = (double) p.virtualCycles() / cpuHz;
            out.printf("%-22s %12d %14.0f %14.0f %16.0f%n", p.unit(), p.count(), p.perHostSecond(), p.perCpuSecond(),
                    p.count() / virtualSeconds);
        }
        out.println("(per host s: wall time; per CPU s: the emulator thread's CPU time; measured after "
                + warmupRuns + " untimed run" + (warmupRuns == 1 ? "" : "s") + " of the pair)");
        out.println("(a NOTIFY round trip is two notifications; a SENDREC round trip is two messages)");
    }

    static byte[] program(String name) {
        try (InputStream in = IpcBench.class.getResourceAsStream("/org/jinx/kernel/guest/bin/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalStateException("the guest program " + name + " is missing from this build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the guest program " + name + ": " + e.getMessage());
        }
    }

    public static void main(String[] args) throws BootException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        IpcBench b = new IpcBench(rounds, 33_000_000L);
        b.print(b.run(), System.out);
    }
}
