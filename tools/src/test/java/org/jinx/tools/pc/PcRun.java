package org.jinx.tools.pc;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.display.Display;
import org.jinx.tools.cli.PcRunner;

/**
 * One in-process run of the PC with the built-in BIOS, keeping the board so a test can look at
 * the screen afterwards. COM1 goes to {@link #out}, BIOS messages to {@link #err}.
 */
final class PcRun {
    final PcRunner.Outcome outcome;
    final PcPlatform pc;
    final String out;
    final String err;

    private PcRun(PcRunner.Outcome outcome, PcPlatform pc, String out, String err) {
        this.outcome = outcome;
        this.pc = pc;
        this.out = out;
        this.err = err;
    }

    static PcRun boot(Path fda, Path hda, boolean snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        FileDisk a = fda == null ? null : FileDisk.open(fda, snapshot, "--fda");
        FileDisk c = hda == null ? null : FileDisk.open(hda, snapshot, "--hda");
        PcRunner runner = new PcRunner(new PcRunner.Settings(16 << 20, 33, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT,
                200_000_000L, 30, false),
                new PcRunner.Devices(true, new StdioSerial(o, InputStream.nullInputStream()), null, c, null, a,
                        Display.NULL, true), o, e);
        PcRunner.Outcome outcome = runner.run();
        return new PcRun(outcome, runner.platform, out.toString(StandardCharsets.ISO_8859_1),
                err.toString(StandardCharsets.ISO_8859_1));
    }

    /** The text screen's rows with trailing blanks removed. */
    List<String> screen() {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < pc.vga.textRows(); r++) {
            rows.add(pc.vga.textRow(r).stripTrailing());
        }
        return rows;
    }

    int status() {
        return outcome.status();
    }
}
