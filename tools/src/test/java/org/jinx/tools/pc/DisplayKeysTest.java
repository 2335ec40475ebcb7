package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.display.Display;
import org.jinx.dev.kbd.Key;
import org.jinx.tools.cli.PcRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys a display hands over reach the guest the way typed keys do: through the PS/2 keyboard
 * model, the 8042, IRQ 1 and the BIOS's INT 16h (kbd_echo.S echoes them on COM1). The display
 * also receives frames of the VGA screen.
 */
class DisplayKeysTest {
    @TempDir
    Path dir;

    /** A display that types a few keys, one per poll, and counts the frames it is shown. */
    private static final class TypingDisplay implements Display {
        final ArrayDeque<Object[]> script = new ArrayDeque<>();
        int frames;

        TypingDisplay(Object... keysAndStates) {
            for (int i = 0; i < keysAndStates.length; i += 2) {
                script.add(new Object[] {keysAndStates[i], keysAndStates[i + 1]});
            }
        }

        @Override
        public void show(int[] argb, int width, int height) {
            assertThat(argb).hasSize(width * height);
            frames++;
        }

        @Override
        public void pollKeys(KeySink sink) {
            Object[] k = script.poll();
            if (k != null) {
                sink.key((Key) k[0], (Boolean) k[1]);
            }
        }
    }

    @Test
    void typedKeysReachInt16AndFramesReachTheDisplay() throws Exception {
        Path hda = PcGuests.image(dir, "kbd.img", PcGuests.bootBinary("kbd_echo"), 64 * 1024);
        TypingDisplay display = new TypingDisplay(Key.H, true, Key.H, false, Key.LEFT_SHIFT, true, Key.I, true,
                Key.I, false, Key.LEFT_SHIFT, false, Key.D1, true, Key.D1, false, Key.PERIOD, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PcRunner runner = new PcRunner(new PcRunner.Settings(16 << 20, 33, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT,
                0, 30, false),
                new PcRunner.Devices(true, new StdioSerial(o, InputStream.nullInputStream()), null,
                        FileDisk.open(hda, true, "--hda"), null, null, display, true), o,
                new PrintStream(PrintStream.nullOutputStream()));
        PcRunner.Outcome outcome = runner.run();
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hI1");
        assertThat(display.frames).isGreaterThan(0);
    }
}
