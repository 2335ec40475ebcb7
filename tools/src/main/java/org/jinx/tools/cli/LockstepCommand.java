package org.jinx.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jinx.boot.BootException;
import org.jinx.tools.lockstep.Lockstep;
import org.jinx.tools.lockstep.LockstepResult;
import org.jinx.tools.lockstep.QemuDeviation;
import org.jinx.tools.lockstep.QemuTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jinx lockstep}: runs a bare-metal ROM in Jinx and in qemu-system-i386 an instruction at
 * a time and compares the registers after each, reporting the first divergence that no known
 * QEMU deviation explains.
 */
@Command(name = "lockstep",
        mixinStandardHelpOptions = true,
        description = {"Run a ROM image in Jinx and in QEMU side by side, comparing registers after every instruction.",
            "QEMU is started halted with its gdb stub and single-stepped through it; Jinx steps in-process.",
            "Compared: general registers, EIP, EFLAGS (less the flags the instruction leaves undefined), "
                + "segment selectors, CR0, CR2, CR3, CR4. Known QEMU deviations from the 386 are tolerated "
                + "(--list-deviations); anything else stops the run with a report."},
        footer = {"", "Exit status: 0 no unexplained divergence, 1 a divergence (reported on stdout),",
            "2 usage error, 4 unusable input (missing file, QEMU not startable).",
            "", "Examples:", "  jinx lockstep --bios emulator-core/target/guest/paging.bin",
            "  jinx lockstep --bios test.bin --max-steps 200000 --qemu /opt/qemu/bin/qemu-system-i386"})
public final class LockstepCommand implements Callable<Integer> {
    /** Status when the run found a divergence no known deviation explains. */
    static final int DIVERGED = 1;

    @ParentCommand
    Main main;

    @Option(names = "--bios", paramLabel = "FILE",
            description = "A 64 KiB or 128 KiB ROM image, entered at the reset vector (as qemu -bios).")
    Path bios;

    @Option(names = "--qemu", paramLabel = "PATH", defaultValue = QemuTarget.DEFAULT_BINARY,
            description = "The QEMU binary (default: ${DEFAULT-VALUE} on the PATH).")
    String qemu;

    @Option(names = "--max-steps", paramLabel = "N", converter = Converters.PositiveLong.class,
            description = "Stop after comparing N instructions (default: 2000000).")
    Long maxSteps;

    @Option(names = "--history", paramLabel = "N", defaultValue = "12",
            description = "Instructions listed before a divergence (default: ${DEFAULT-VALUE}).")
    int historyLength;

    @Option(names = "--list-deviations", description = "List the known QEMU deviations the tool tolerates, and exit.")
    boolean listDeviations;

    @Override
    public Integer call() throws BootException, IOException {
        if (listDeviations) {
            for (QemuDeviation d : QemuDeviation.values()) {
                main.out.printf("%s (%s, %s)%n    %s%n    %s%n", d.name(), d.kind.name().toLowerCase(),
                        d.handling.name().toLowerCase().replace('_', ' '), d.summary, d.reference);
            }
            return ExitStatus.OK;
        }
        if (bios == null) {
            throw new CliError(ExitStatus.USAGE, "nothing to run: give --bios FILE");
        }
        if (!Files.isRegularFile(bios)) {
            throw new CliError(ExitStatus.BAD_INPUT, "ROM image '" + bios + "' not found");
        }
        if (historyLength < 1 || historyLength > 1000) {
            throw new CliError(ExitStatus.USAGE, "--history must be between 1 and 1000, not " + historyLength);
        }
        Lockstep.Options defaults = Lockstep.Options.defaults();
        Lockstep.Options options = new Lockstep.Options(qemu, maxSteps != null ? maxSteps : defaults.maxSteps(),
                historyLength);
        LockstepResult r;
        try {
            r = Lockstep.run(bios, options);
        } catch (IOException e) {
            throw new CliError(ExitStatus.BAD_INPUT, e.getMessage());
        }
        if (r.divergence() != null) {
            main.out.print(r.divergence());
        }
        if (r.stopReport() != null) {
            main.out.print(r.stopReport());
        }
        main.out.println(r.summary());
        return r.agrees() ? ExitStatus.OK : DIVERGED;
    }
}
