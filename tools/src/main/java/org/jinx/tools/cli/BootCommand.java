package org.jinx.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.jinx.boot.BootException;
import org.jinx.boot.MultibootLoader;
import org.jinx.dev.PcPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jinx boot}: will boot the hosted MINIX-style system. Until that system exists it runs
 * the demo kernel bundled in the jar, in PC mode, so the command always shows Jinx working.
 */
@Command(name = "boot",
        mixinStandardHelpOptions = true,
        description = {"Boot the bundled system.",
            "The hosted MINIX-style system is not there yet: for now this runs the bundled demo, a small "
                + "multiboot kernel, in PC mode (the same as 'jinx pc --kernel demo.elf'). It prints what it "
                + "finds and a few checked computations, then exits through port 0xF4."},
        footer = {"", "Exit status: 0 when the demo reports success. The demo writes 0 to port",
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

    @Override
    public Integer call() throws BootException {
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
