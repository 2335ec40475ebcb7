package org.jinx.tools.cli;

import java.util.concurrent.Callable;
import org.jinx.boot.BootException;
import org.jinx.kernel.bench.IpcBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jinx bench-ipc}: the IPC benchmark between two guest processes ({@link IpcBench}). */
@Command(name = "bench-ipc",
        mixinStandardHelpOptions = true,
        description = {"Measure IPC between two guest processes in hosted mode: SENDREC round trips, NOTIFY "
            + "round trips and SENDA messages per host second and per emulated second.",
            "A benchmark, not a test: run it alone on a quiet machine, several times."})
public final class BenchIpcCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "50000",
            description = "Round trips (or messages) per phase (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--cpu-mhz", paramLabel = "N", defaultValue = "33",
            description = "Emulated CPU frequency (default ${DEFAULT-VALUE}).")
    int cpuMhz;

    @Override
    public Integer call() throws BootException {
        if (rounds < 1) {
            throw new CliError(ExitStatus.USAGE, "--rounds must be at least 1");
        }
        IpcBench bench = new IpcBench(rounds, cpuMhz * 1_000_000L);
        bench.print(bench.run(), main.out);
        return ExitStatus.OK;
    }
}
