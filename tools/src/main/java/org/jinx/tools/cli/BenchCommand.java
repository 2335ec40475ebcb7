package org.jinx.tools.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jinx.Machine;
import org.jinx.boot.BiosImage;
import org.jinx.boot.BootException;
import org.jinx.dev.PcPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jinx bench}: runs one benchmark ROM several times in this JVM, on a fresh PC each time,
 * and reports the speed of each run and the median. The first {@code --warmup} runs only warm
 * the JIT compiler up and are not counted. Only the guest's run is timed (not building the
 * machine), so the figure is the interpreter's own speed. Two clocks are reported: the wall
 * clock, and the CPU time of the thread that runs the guest, which other processes on a busy
 * machine do not inflate. bench/run.sh reads the lines this prints; it is also handy alone,
 * e.g. under a profiler.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Measure the emulator's speed on a benchmark ROM (see bench/run.sh).",
            "Runs the image --warmup times untimed, then --runs times timed, each on a fresh PC, and prints",
            "instructions, guest output, each run's MIPS and the median MIPS."})
public final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--bios", paramLabel = "FILE", required = true,
            description = "The benchmark ROM image (64 or 128 KiB).")
    Path bios;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", defaultValue = "32M", converter = Converters.MemorySize.class,
            description = "Guest RAM (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-cycles",
            description = "Turn cycle accounting off: every instruction counts one clock instead of its 80386 count.")
    boolean noCycles;

    @Option(names = "--cpu-mhz", paramLabel = "N", defaultValue = "33", description = "CPU clock (default: ${DEFAULT-VALUE}).")
    int cpuMhz;

    @Option(names = "--max-instructions", paramLabel = "N", defaultValue = "20000000000",
            converter = Converters.PositiveLong.class, description = "Give up after N instructions (default: ${DEFAULT-VALUE}).")
    long maxInstructions;

    @Override
    public Integer call() throws BootException {
        if (runs < 1 || warmup < 0) {
            throw new CliError(ExitStatus.USAGE, "--runs must be at least 1 and --warmup at least 0");
        }
        BiosImage rom = BiosImage.load(bios);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] mips = new double[runs];
        double[] cpuMips = new double[runs];
        long instructions = 0;
        String output = "";
        for (int i = 0; i < warmup + runs; i++) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Machine m = newMachine(console);
            rom.install(m.mem);
            m.cpu.cycleAccounting = !noCycles;
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Machine.StopReason reason = m.run(maxInstructions);
            long nanos = System.nanoTime() - t0;
            long cpuNanos = threads.getCurrentThreadCpuTime() - c0;
            if (reason != Machine.StopReason.EXIT_REQUESTED) {
                throw new CliError(ExitStatus.BAD_INPUT, "the benchmark did not exit through port 0xF4: " + reason
                        + " after " + m.cpu.instructions + " instructions");
            }
            instructions = m.cpu.instructions;
            output = console.toString(StandardCharsets.ISO_8859_1).trim();
            double r = m.cpu.instructions * 1e3 / nanos;
            double rc = m.cpu.instructions * 1e3 / Math.max(1, cpuNanos);
            if (i >= warmup) {
                mips[i - warmup] = r;
                cpuMips[i - warmup] = rc;
            }
            main.err.printf("%s %d: %.3f s, %.2f MIPS (CPU time %.3f s, %.2f MIPS)%n",
                    i < warmup ? "warm-up" : "run", i + 1, nanos / 1e9, r, cpuNanos / 1e9, rc);
        }
        PrintStream out = main.out;
        out.println("instructions " + instructions);
        out.println("output " + output);
        out.printf("runs_wall %s%n", Arrays.toString(mips));
        out.printf("runs_cpu %s%n", Arrays.toString(cpuMips));
        out.printf("median_mips_wall %.2f%n", median(mips));
        out.printf("median_mips_cpu %.2f%n", median(cpuMips));
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private Machine newMachine(OutputStream console) {
        try {
            Machine m = new Machine(memory, cpuMhz * 1_000_000L);
            new PcPlatform(m, PcPlatform.Options.defaults().withDeterministic(true).withDebugPorts(
                    new PcPlatform.DebugPorts(console, code -> { }, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT)));
            return m;
        } catch (OutOfMemoryError e) {
            throw new CliError(ExitStatus.BAD_INPUT, (memory >> 20) + " MiB of guest RAM do not fit in the Java heap");
        }
    }
}
