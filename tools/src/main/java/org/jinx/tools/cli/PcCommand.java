package org.jinx.tools.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jinx.boot.BiosImage;
import org.jinx.boot.BootException;
import org.jinx.boot.MultibootLoader;
import org.jinx.dev.PcPlatform;
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
            "Boot from a ROM image (--bios, entered at the reset vector), a multiboot kernel (--kernel), "
                + "or a diskette or hard disk image (--fda, --hda) through the built-in BIOS.",
            "The guest's text on port 0xE9 and COM1 (--serial stdio, the default) go to stdout; POST codes "
                + "(ports 0x80 and --post-port) and BIOS messages to stderr."},
        footer = {"", "Exit status: v*2+1 when the guest writes v to port 0xF4 (QEMU's isa-debug-exit);",
            "otherwise 2 usage error, 4 unusable input, 6 triple fault, 8 halted,",
            "10 instruction limit, 12 timeout, 14 killed by gdb.",
            "", "Examples:", "  jinx pc --kernel kernel.elf --append \"console=e9\"",
            "  jinx pc --bios test386.bin --post-port 0x190 --max-instructions 100000000 --stats",
            "  jinx pc --kernel kernel.elf --gdb 1234 --wait-gdb   (then: gdb -ex 'target remote :1234' kernel.elf)",
            "  jinx pc --fda floppy.img --display window",
            "  jinx pc --hda disk.img --snapshot --serial tcp:4555 --deterministic"})
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

    @Option(names = "--fda", paramLabel = "FILE",
            description = "A diskette image (raw, up to 2.88 MB) for drive A, served by the built-in BIOS's INT 13h.")
    Path fda;

    @Option(names = "--hda", paramLabel = "FILE",
            description = "A raw hard disk image: primary ATA master, BIOS drive 80h.")
    Path hda;

    @Option(names = "--hdb", paramLabel = "FILE",
            description = "A raw hard disk image: primary ATA slave, BIOS drive 81h.")
    Path hdb;

    @Option(names = "--hdc", paramLabel = "FILE",
            description = "A raw hard disk image: secondary ATA master (ports 170h-177h, IRQ 15); "
                + "for the guest's own ATA driver, not the BIOS.")
    Path hdc;

    @Option(names = "--hdd", paramLabel = "FILE",
            description = "A raw hard disk image: secondary ATA slave.")
    Path hdd;

    @Option(names = "--snapshot",
            description = "Keep every disk write in memory; the image files are not changed.")
    boolean snapshot;

    @Option(names = "--serial", paramLabel = "SPEC", defaultValue = "stdio",
            description = "COM1: stdio, none, file:PATH, or tcp:[HOST:]PORT (a server, 127.0.0.1 by default) "
                + "(default: ${DEFAULT-VALUE}).")
    String serial;

    @Option(names = "--serial2", paramLabel = "SPEC", defaultValue = "none",
            description = "COM2, with the same choices (default: ${DEFAULT-VALUE}).")
    String serial2;

    @Option(names = "--display", paramLabel = "KIND", defaultValue = "none",
            description = "none (headless) or window (the VGA screen in a window that takes keys) "
                + "(default: ${DEFAULT-VALUE}).")
    String display;

    @Option(names = "--deterministic",
            description = "Nothing from the host clock reaches the guest: the RTC starts at 2000-01-01 00:00:00 "
                + "and virtual time is not held back to host time, so runs with the same input are the same run.")
    boolean deterministic;

    @Override
    public Integer call() throws BootException {
        if (waitGdb && gdb == null) {
            throw new CliError(ExitStatus.USAGE, "--wait-gdb needs --gdb [HOST:]PORT");
        }
        GdbLauncher.Address gdbAddress = gdb != null ? GdbLauncher.Address.parse(gdb) : null;
        if (bios == null && kernel == null && fda == null && hda == null) {
            throw new CliError(ExitStatus.USAGE, "nothing to boot: give a disk image to boot with the built-in BIOS "
                    + "(--fda FILE or --hda FILE), a ROM image (--bios FILE) or a multiboot kernel (--kernel ELF)");
        }
        if (fda != null && (bios != null || kernel != null)) {
            throw new CliError(ExitStatus.USAGE, "--fda needs the built-in BIOS (there is no diskette controller "
                    + "for --bios or --kernel to use): leave out --bios and --kernel");
        }
        if (!display.equals("none") && !display.equals("window")) {
            throw new CliError(ExitStatus.USAGE, "--display must be none or window, not '" + display + "'");
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
        PcRunner runner = new PcRunner(settings(), PcDevices.open(this), main.out, main.err);
        try {
            if (rom != null) {
                rom.install(runner.machine.mem);
            } else if (kernel != null) {
                MultibootLoader.load(runner.machine, kernel, commandLine(kernel.toString(), append));
            }
        } catch (BootException | RuntimeException e) {
            runner.abandon();
            throw e;
        }
        if (gdbAddress != null) {
            return GdbLauncher.run(runner, gdbAddress, waitGdb, main.err).status();
        }
        return runner.run().status();
    }

    private PcRunner.Settings settings() {
        return new PcRunner.Settings(memory, cpuMhz,
                postPort == null ? PcPlatform.DebugPorts.NO_EXTRA_POST_PORT : postPort,
                maxInstructions == null ? 0 : maxInstructions, timeout == null ? 0 : timeout, stats);
    }

    /** The multiboot command line as GRUB and QEMU build it: the kernel's name, then the arguments. */
    static String commandLine(String kernelName, String append) {
        return append.isEmpty() ? kernelName : kernelName + " " + append;
    }
}
