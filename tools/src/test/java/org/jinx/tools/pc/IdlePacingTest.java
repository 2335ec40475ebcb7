package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.display.Display;
import org.jinx.tools.cli.PcRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest waiting for a key (kbd_echo.S halts in INT 16h) for one second of host time: by
 * default its virtual clock keeps to host time; with --deterministic nothing holds it back and
 * the timer ticks race ahead.
 */
class IdlePacingTest {
    @TempDir
    Path dir;

    private double virtualSecondsIn(double hostSeconds, boolean deterministic) throws Exception {
        Path hda = PcGuests.image(dir, "kbd.img", PcGuests.bootBinary("kbd_echo"), 64 * 1024);
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        PcRunner runner = new PcRunner(new PcRunner.Settings(16 << 20, 33, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT,
                0, hostSeconds, false),
                new PcRunner.Devices(deterministic, new StdioSerial(quiet, InputStream.nullInputStream()), null,
                        FileDisk.open(hda, true, "--hda"), null, null, Display.NULL, true), quiet, quiet);
        runner.run();
        return runner.machine.clock.nanos() / 1e9;
    }

    @Test
    void idleGuestKeepsToHostTimeUnlessDeterministic() throws Exception {
        assertThat(virtualSecondsIn(1.0, false)).isBetween(0.2, 1.3);
        assertThat(virtualSecondsIn(1.0, true)).isGreaterThan(10.0);
    }
}
