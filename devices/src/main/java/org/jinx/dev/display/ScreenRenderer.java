package org.jinx.dev.display;

import org.jinx.dev.vga.Vga;
import org.jinx.dev.vga.VgaFont;

/**
 * Draws what the VGA shows into ARGB pixels, always 640×400: text mode as 80×25 cells of the
 * 8×16 font with the attribute's colours through the palette and DAC, the blink bit as
 * background intensity off (blinking characters shown steadily) and the cursor as the CRTC's
 * scan lines; mode 13h as 320×200 doubled in both directions.
 */
public final class ScreenRenderer {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    private final Vga vga;
    private final int[] pixels = new int[WIDTH * HEIGHT];

    public ScreenRenderer(Vga vga) {
        this.vga = vga;
    }

    /** Renders the current screen; the returned array is reused by the next call. */
    public int[] render() {
        if (vga.graphicsMode()) {
            graphics();
        } else {
            text();
        }
        return pixels;
    }

    private void graphics() {
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 320; x++) {
                int c = 0xFF000000 | vga.rgb(vga.pixel(x, y));
                int p = 2 * y * WIDTH + 2 * x;
                pixels[p] = c;
                pixels[p + 1] = c;
                pixels[p + WIDTH] = c;
                pixels[p + WIDTH + 1] = c;
            }
        }
    }

    private void text() {
        java.util.Arrays.fill(pixels, 0xFF000000);
        int cols = Math.min(vga.textColumns(), WIDTH / VgaFont.WIDTH);
        int rows = Math.min(vga.textRows(), HEIGHT / VgaFont.HEIGHT);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int cell = vga.cell(r, c);
                int ch = cell & 0xFF;
                int attr = cell >> 8;
                int fg = 0xFF000000 | vga.textColour(attr & 0x0F);
                int bg = 0xFF000000 | vga.textColour(attr >> 4 & 0x07);
                for (int y = 0; y < VgaFont.HEIGHT; y++) {
                    int bits = VgaFont.row(ch, y);
                    int p = (r * VgaFont.HEIGHT + y) * WIDTH + c * VgaFont.WIDTH;
                    for (int x = 0; x < VgaFont.WIDTH; x++) {
                        pixels[p + x] = (bits & 0x80 >> x) != 0 ? fg : bg;
                    }
                }
            }
        }
        cursor(cols, rows);
    }

    private void cursor(int cols, int rows) {
        int pos = vga.cursor();
        if (pos < 0 || pos >= cols * rows) {
            return;
        }
        int r = pos / cols;
        int c = pos % cols;
        int attr = vga.cell(r, c) >> 8;
        int fg = 0xFF000000 | vga.textColour(attr & 0x0F);
        int start = vga.cursorStart();
        int end = Math.min(vga.cursorEnd(), VgaFont.HEIGHT - 1);
        for (int y = start; y <= end; y++) {
            int p = (r * VgaFont.HEIGHT + y) * WIDTH + c * VgaFont.WIDTH;
            java.util.Arrays.fill(pixels, p, p + VgaFont.WIDTH, fg);
        }
    }
}
