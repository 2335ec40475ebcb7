package org.jinx.tools.display;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinx.dev.PcPlatform;
import org.jinx.tools.cli.PcRunner;
import org.jinx.tools.pc.FileDisk;

/**
 * Run in a child JVM by {@link WindowDisplayTest} with DISPLAY pointing at an Xvfb server:
 * boots the disk image {@code args[0]} with the window display, waits until row
 * {@code args[2]} of the text screen holds {@code args[3]}, reads the window's pixels back and
 * writes them to {@code args[1]} (width, height, then ARGB ints). Exit status 0 on success,
 * 3 when no window could be opened.
 */
public final class WindowProbe {
    private WindowProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int row = Integer.parseInt(args[2]);
        String text = args[3];
        WindowDisplay window;
        try {
            window = WindowDisplay.open("Jinx window test");
        } catch (WindowDisplay.DisplayUnavailableException e) {
            System.err.println("no window: " + e.getMessage());
            System.exit(3);
            return;
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PcRunner runner = new PcRunner(new PcRunner.Settings(16 << 20, 33, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT,
                0, 60, false),
                new PcRunner.Devices(true, null, null, FileDisk.open(image, true, "--hda"), null, null, window, true),
                quiet, quiet);
        Thread emulator = new Thread(runner::run, "emulator");
        emulator.start();
        long end = System.currentTimeMillis() + 30_000;
        while (!runner.platform.vga.textRow(row).contains(text)) {
            if (System.currentTimeMillis() > end) {
                System.err.println("the guest did not write its text");
                System.exit(2);
            }
            Thread.sleep(20);
        }
        Thread.sleep(500); // a few frames go by: the window shows the screen as it is now
        int[] shot = window.screenshot(10_000);
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out))) {
            for (int v : shot) {
                o.writeInt(v);
            }
        }
        runner.machine.interrupt();
        emulator.join(10_000);
        System.exit(0);
    }
}
