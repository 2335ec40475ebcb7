package org.jinx.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jinx.boot.BootException;
import org.jinx.boot.MultibootLoader;
import org.jinx.dev.PcPlatform;
import org.jinx.tools.gdb.GdbLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jinx boot}: with {@code --module}, boots ELF programs as the processes of the hosted
 * MINIX-style kernel ({@link HostedBoot}). Without, until a system image exists, it runs the demo
 * kernel bundled in the jar in PC mode, so the command always shows Jinx working.
 */
@Command(name = "boot",
        mixinStandardHelpOptions = true,
        description = {"Boot the hosted system with --module programs, or the bundled demo.",
            "With --module, each ELF program becomes a process of the hosted MINIX-style kernel (the first "
                + "ones get the boot image's fixed endpoints). Without, until a system image exists, this runs "
                + "the bundled demo, a small multiboot kernel, in PC mode (the same as 'jinx pc --kernel "
                + "demo.elf'): it prints what it finds and a few checked computations, then exits through "
                + "port 0xF4."},
        footer = {"", "Debugging the hosted system:",
            "  jinx boot --module ping --module pong --gdb 1234 --wait-gdb   (then: gdb -ex 'target remote :1234' pong.elf)",
            "", "Exit status: 0 when the demo reports success. The demo writes 0 to port",
            "0xF4, which 'jinx pc' and QEMU report as status 1 (v*2+1); 'jinx boot' turns",
            "that into 0. Any other outcome has the status 'jinx pc' would give."})
public final class BootCommand implements Callable<Integer> {
    /** Where the Maven build puts the assembled demo kernel inside the jar. */
    static final String DEMO_RESOURCE = "/org/jinx/tools/demo/demo.elf";
    static final String DEMO_NAME = "demo.elf";

    @ParentCommand
    Main main;

    @Option(names = "--max-instructions", paramLabel = "N", converter = Converters.PositiveLong.class,
            description = "Stop after N instructions (exit status 10).")
    Long maxInstructions;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Stop after this much host time (exit status 12); fractions allowed.")
    Double timeout;

    @Option(names = "--stats", description = "Print instructions, cycles, host MIPS and virtual time at the end.")
    boolean stats;

    @Option(names = "--module", paramLabel = "[user:]ELF[,ARG...]",
            description = {"Boot ELF as a process of the hosted system (repeatable; the first is endpoint 0, "
                + "the next 1, ...). Arguments follow the file after commas; 'user:' gives user privileges. "
                + "Packaged programs (ping, pong, bench_client, bench_server) may be named without a path. "
                + "Without --module, the PC-mode demo runs."})
    List<String> modules = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", defaultValue = "32M", converter = Converters.MemorySize.class,
            description = "Guest RAM for --module runs (default ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--cpu-mhz", paramLabel = "N", defaultValue = "33",
            description = "Emulated CPU frequency for --module runs (default ${DEFAULT-VALUE}).")
    int cpuMhz;

    @Option(names = "--deterministic",
            description = "Nothing from the host enters a --module run (the RTC starts at 2000-01-01): "
                + "the same modules give the same run, instruction for instruction.")
    boolean deterministic;

    @Option(names = "--gdb", paramLabel = "[HOST:]PORT",
            description = "With --module: serve the gdb remote protocol on PORT (host 127.0.0.1 unless given; 0 picks "
                + "a free port). Each process is a gdb thread (id = endpoint + 1).")
    String gdb;

    @Option(names = "--wait-gdb", description = "Start stopped until gdb continues the system (needs --gdb).")
    boolean waitGdb;

    @Override
    public Integer call() throws BootException {
        if (waitGdb && gdb == null) {
            throw new CliError(ExitStatus.USAGE, "--wait-gdb needs --gdb [HOST:]PORT");
        }
        if (gdb != null && modules.isEmpty()) {
            throw new CliError(ExitStatus.USAGE, "--gdb needs --module: the demo runs in PC mode, debug it with "
                    + "'jinx pc --kernel ... --gdb'");
        }
        GdbLauncher.Address gdbAddress = gdb != null ? GdbLauncher.Address.parse(gdb) : null;
        if (!modules.isEmpty()) {
            return new HostedBoot(main.out, main.err).run(modules, memory, cpuMhz, deterministic,
                    maxInstructions == null ? 0 : maxInstructions, timeout == null ? 0 : timeout, stats,
                    gdbAddress, waitGdb);
        }
        byte[] demo = demoImage();
        PcRunner runner = new PcRunner(new PcRunner.Settings(32 << 20, 33, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT,
                maxInstructions == null ? 0 : maxInstructions, timeout == null ? 0 : timeout, stats),
                main.out, main.err);
        MultibootLoader.load(runner.machine, demo, DEMO_NAME, DEMO_NAME);
        PcRunner.Outcome o = runner.run();
        if (o.guestExited() && o.guestValue() == 0) {
            return ExitStatus.OK;
        }
        return o.status();
    }

    static byte[] demoImage() {
        try (InputStream in = BootCommand.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new CliError(ExitStatus.INTERNAL_ERROR,
                        "the demo kernel is missing from this build (it is assembled with 'as --32' during 'mvn package')");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CliError(ExitStatus.INTERNAL_ERROR, "cannot read the bundled demo kernel: " + e.getMessage());
        }
    }
}
