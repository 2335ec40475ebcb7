package org.jinx.tools.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jinx.boot.BiosImage;
import org.jinx.boot.BootException;
import org.jinx.boot.MultibootLoader;
import org.jinx.dev.DebugBoard;
import org.jinx.tools.gdb.GdbLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jinx pc}: the guest owns the machine. It starts from the reset vector of a ROM image
 * or from a multiboot kernel's entry point, and ends by writing the exit port.
 */
@Command(name = "pc",
        mixinStandardHelpOptions = true,
        description = {"Run a bare-metal guest on the emulated PC (PC mode).",
            "Boot from a ROM image (--bios, entered at the reset vector) or a multiboot kernel "
                + "(--kernel). Booting disk images through the built-in BIOS is not available yet.",
            "The guest's text on port 0xE9 goes to stdout; POST codes (ports 0x80 and --post-port) to stderr."},
        footer = {"", "Exit status: v*2+1 when the guest writes v to port 0xF4 (QEMU's isa-debug-exit);",
            "otherwise 2 usage error, 4 unusable input, 6 triple fault, 8 halted,",
            "10 instruction limit, 12 timeout, 14 killed by gdb.",
            "", "Examples:", "  jinx pc --kernel kernel.elf --append \"console=e9\"",
            "  jinx pc --bios test386.bin --post-port 0x190 --max-instructions 100000000 --stats",
            "  jinx pc --kernel kernel.elf --gdb 1234 --wait-gdb   (then: gdb -ex 'target remote :1234' kernel.elf)"})
public final class PcCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", defaultValue = "32M", converter = Converters.MemorySize.class,
            description = "Guest RAM, e.g. 32M, 512K, 1G; a bare number counts MiB (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--bios", paramLabel = "FILE",
            description = "A 64 KiB or 128 KiB ROM image, mapped below 1 MiB and below 4 GiB; the CPU starts at its reset vector.")
    Path bios;

    @Option(names = "--kernel", paramLabel = "ELF",
            description = "A multiboot kernel: an i386 ELF executable, or a file whose multiboot header gives load addresses.")
    Path kernel;

    @Option(names = "--append", paramLabel = "STRING", defaultValue = "",
            description = "The kernel command line; the kernel sees its own file name first, then STRING.")
    String append;

    @Option(names = "--post-port", paramLabel = "PORT", converter = Converters.Port.class,
            description = "Report POST codes written to this port as well as to 0x80 (e.g. 0x190).")
    Integer postPort;

    @Option(names = "--max-instructions", paramLabel = "N", converter = Converters.PositiveLong.class,
            description = "Stop after N instructions (exit status 10).")
    Long maxInstructions;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Stop after this much host time (exit status 12); fractions allowed.")
    Double timeout;

    @Option(names = "--stats", description = "Print instructions, cycles, host MIPS and virtual time at the end.")
    boolean stats;

    @Option(names = "--cpu-mhz", paramLabel = "N", defaultValue = "33",
            description = "CPU clock that converts cycles to virtual time (default: ${DEFAULT-VALUE}).")
    int cpuMhz;

    @Option(names = "--gdb", paramLabel = "[HOST:]PORT",
            description = "Serve the gdb remote protocol on PORT (host 127.0.0.1 unless given; 0 picks a free port).")
    String gdb;

    @Option(names = "--wait-gdb", description = "Start stopped until gdb continues the guest (needs --gdb).")
    boolean waitGdb;

    @Override
    public Integer call() throws BootException {
        if (waitGdb && gdb == null) {
            throw new CliError(ExitStatus.USAGE, "--wait-gdb needs --gdb [HOST:]PORT");
        }
        GdbLauncher.Address gdbAddress = gdb != null ? GdbLauncher.Address.parse(gdb) : null;
        if (bios == null && kernel == null) {
            throw new CliError(ExitStatus.USAGE, "nothing to boot: give --bios FILE or --kernel ELF");
        }
        if (bios != null && kernel != null) {
            throw new CliError(ExitStatus.USAGE, "--bios and --kernel cannot be combined: choose one");
        }
        if (cpuMhz < 1 || cpuMhz > 100_000) {
            throw new CliError(ExitStatus.USAGE, "--cpu-mhz must be between 1 and 100000, not " + cpuMhz);
        }
        if (kernel == null && !append.isEmpty()) {
            throw new CliError(ExitStatus.USAGE, "--append needs --kernel (a ROM image has no command line)");
        }
        // Check the image before allocating guest RAM: a wrong file name should fail at once.
        BiosImage rom = bios != null ? BiosImage.load(bios) : null;
        PcRunner runner = new PcRunner(settings(), main.out, main.err);
        if (rom != null) {
            rom.install(runner.machine.mem);
        } else {
            MultibootLoader.load(runner.machine, kernel, commandLine(kernel.toString(), append));
        }
        if (gdbAddress != null) {
            return GdbLauncher.run(runner, gdbAddress, waitGdb, main.err).status();
        }
        return runner.run().status();
    }

    private PcRunner.Settings settings() {
        return new PcRunner.Settings(memory, cpuMhz, postPort == null ? DebugBoard.NO_EXTRA_POST_PORT : postPort,
                maxInstructions == null ? 0 : maxInstructions, timeout == null ? 0 : timeout, stats);
    }

    /** The multiboot command line as GRUB and QEMU build it: the kernel's name, then the arguments. */
    static String commandLine(String kernelName, String append) {
        return append.isEmpty() ? kernelName : kernelName + " " + append;
    }
}
