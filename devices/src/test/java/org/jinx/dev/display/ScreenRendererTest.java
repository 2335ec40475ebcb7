package org.jinx.dev.display;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.dev.vga.Vga;
import org.jinx.dev.vga.VgaFont;
import org.junit.jupiter.api.Test;

/** Text cells drawn from VGA memory with the attribute's colours, the cursor, and mode 13h pixels. */
class ScreenRendererTest {
    @Test
    void textCellUsesFontAndAttributeColours() {
        Vga vga = new Vga(new org.jinx.time.VirtualClock(33_000_000L));
        vga.window.write(0xB8000 + 2 * (80 + 2), 2, 0x4E00 | 'K'); // row 1, column 2: yellow on red
        int[] px = new ScreenRenderer(vga).render();
        int yellow = 0xFFFFFF55;
        int red = 0xFFAA0000;
        for (int y = 0; y < 16; y++) {
            int bits = VgaFont.row('K', y);
            for (int x = 0; x < 8; x++) {
                int p = px[(16 + y) * ScreenRenderer.WIDTH + 16 + x];
                assertThat(p).as("(%d,%d)", x, y).isEqualTo((bits & 0x80 >> x) != 0 ? yellow : red);
            }
        }
    }

    @Test
    void cursorIsDrawnOnItsScanLines() {
        Vga vga = new Vga(new org.jinx.time.VirtualClock(33_000_000L));
        for (int i = 0; i < 80 * 25; i++) {
            vga.window.write(0xB8000 + 2 * i, 2, 0x0720);
        }
        vga.write(0x3D4, 1, 0x0F);
        vga.write(0x3D5, 1, 5); // cursor at column 5 of row 0
        int[] px = new ScreenRenderer(vga).render();
        int grey = 0xFFAAAAAA;
        assertThat(px[vga.cursorStart() * ScreenRenderer.WIDTH + 5 * 8]).isEqualTo(grey);
        assertThat(px[(vga.cursorStart() - 1) * ScreenRenderer.WIDTH + 5 * 8]).isEqualTo(0xFF000000);
        assertThat(px[vga.cursorStart() * ScreenRenderer.WIDTH + 4 * 8]).isEqualTo(0xFF000000);
    }
}
