package org.jinx.tools.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jinx.dev.vga.VgaFont;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under Xvfb, the LWJGL window shows what a guest wrote into text memory at B800:0000: each
 * pixel of the cells it wrote is the font's pixel in the attribute's colour. Skipped where no
 * Xvfb (or no OpenGL under it) can be had.
 */
class WindowDisplayTest {
    @TempDir
    Path dir;

    @Test
    void windowShowsTheTextTheGuestWroteToB8000() throws Exception {
        Assumptions.assumeTrue(onPath("Xvfb"), "Xvfb is not installed");
        Path image = dir.resolve("vga.img");
        byte[] boot = buildBootSector();
        byte[] img = new byte[64 * 1024];
        System.arraycopy(boot, 0, img, 0, boot.length);
        Files.write(image, img);

        int display = 90 + (int) (ProcessHandle.current().pid() % 100);
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        try {
            Path socket = Path.of("/tmp/.X11-unix/X" + display);
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Assumptions.assumeTrue(xvfb.isAlive() && Files.exists(socket), "Xvfb did not start");
            Path shot = dir.resolve("shot.bin");
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", cp, WindowProbe.class.getName(), image.toString(), shot.toString(), "3", "Jinx VGA text")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile());
            pb.environment().put("DISPLAY", ":" + display);
            Process probe = pb.start();
            boolean done = probe.waitFor(90, TimeUnit.SECONDS);
            if (!done) {
                probe.destroyForcibly();
            }
            String log = Files.readString(dir.resolve("probe.log"));
            Assumptions.assumeFalse(done && probe.exitValue() == 3, () -> "no OpenGL window under Xvfb: " + log);
            assertThat(done && probe.exitValue() == 0).as(log).isTrue();
            checkPixels(shot);
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void checkPixels(Path shot) throws Exception {
        int[] px;
        int w;
        int h;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(shot))) {
            w = in.readInt();
            h = in.readInt();
            px = new int[w * h];
            for (int i = 0; i < px.length; i++) {
                px[i] = in.readInt();
            }
        }
        assertThat(w).isEqualTo(640);
        assertThat(h).isEqualTo(400);
        String line1 = "Jinx VGA text";
        String line2 = "#@%&[]{}";
        int white = 0xFFFFFFFF;
        int blue = 0xFF0000AA;
        int yellow = 0xFFFFFF55;
        int black = 0xFF000000;
        cells(px, w, 3, 10, line1, white, blue);
        cells(px, w, 4, 10, line2, yellow, black);
        // and a cell the guest did not touch stays blank (light grey space on black)
        cells(px, w, 10, 40, " ", black, black);
    }

    private static void cells(int[] px, int w, int row, int col, String text, int fg, int bg) {
        for (int i = 0; i < text.length(); i++) {
            int ch = text.charAt(i);
            for (int y = 0; y < VgaFont.HEIGHT; y++) {
                int bits = VgaFont.row(ch, y);
                for (int x = 0; x < VgaFont.WIDTH; x++) {
                    int p = px[(row * 16 + y) * w + (col + i) * 8 + x];
                    int want = (bits & 0x80 >> x) != 0 ? fg : bg;
                    assertThat(Integer.toHexString(p)).as("'%c' at row %d column %d, pixel (%d,%d)", (char) ch, row,
                            col + i, x, y).isEqualTo(Integer.toHexString(want));
                }
            }
        }
    }

    private static byte[] buildBootSector() throws Exception {
        Path src = Path.of("src/test/guest/pc/vga_text.S").toAbsolutePath();
        Path out = Path.of("target/pc-guests").toAbsolutePath();
        Files.createDirectories(out);
        run(List.of("as", "--32", "-o", out.resolve("vga_text.o").toString(), src.toString()));
        run(List.of("ld", "-m", "elf_i386", "-Ttext", "0x7C00", "--oformat", "binary", "-o",
                out.resolve("vga_text.bin").toString(), out.resolve("vga_text.o").toString()));
        return Files.readAllBytes(out.resolve("vga_text.bin"));
    }

    private static void run(List<String> cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort(cmd.get(0) + " is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
