package org.jinx.dev.vga;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.dev.FakeClock;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VgaTest {
    private FakeClock fc;
    private Vga vga;

    @BeforeEach
    void setUp() {
        fc = new FakeClock();
        vga = new Vga(fc.clock);
    }

    private void crtc(int index, int value) {
        vga.write(0x3D4, 1, index);
        vga.write(0x3D5, 1, value);
    }

    private int crtc(int index) {
        vga.write(0x3D4, 1, index);
        return vga.read(0x3D5, 1);
    }

    private void poke(int addr, String text, int attribute) {
        for (int i = 0; i < text.length(); i++) {
            vga.window.write(addr + 2 * i, 2, text.charAt(i) | attribute << 8);
        }
    }

    @Test
    void startsIn80x25ColourText() {
        assertThat(vga.graphicsMode()).isFalse();
        assertThat(vga.textColumns()).isEqualTo(80);
        assertThat(vga.textRows()).isEqualTo(25);
        assertThat(vga.read(0x3CC, 1)).isEqualTo(0x67);
    }

    @Test
    void textMemoryAtB8000ShowsOnTheScreen() {
        poke(0xB8000 + 2 * 80, "Jinx", 0x1F);
        assertThat(vga.textRow(1)).startsWith("Jinx");
        assertThat(vga.cell(1, 0)).isEqualTo(0x1F00 | 'J');
        assertThat(vga.window.read(0xB8000 + 160, 1)).isEqualTo('J');
    }

    @Test
    void startAddressScrollsThePage() {
        poke(0xB8000 + 2 * 160, "third", 0x07);
        crtc(0x0C, 0);
        crtc(0x0D, 160); // start two rows down
        assertThat(vga.textRow(0)).startsWith("third");
    }

    @Test
    void cursorLocationAndDisableFromCrtc() {
        crtc(0x0E, 0x01);
        crtc(0x0F, 0x90); // 400 = row 5, column 0
        assertThat(vga.cursor()).isEqualTo(400);
        crtc(0x0A, 0x20);
        assertThat(vga.cursor()).isEqualTo(-1);
        vga.write(0x3D4, 2, 0x050F); // word write: index 0x0F, data 0x05
        assertThat(crtc(0x0F)).isEqualTo(0x05);
    }

    @Test
    void crtcRegisters0To7AreWriteProtectedByBit7OfRegister11() {
        crtc(0x01, 0x27);
        assertThat(crtc(0x01)).as("mode 3 leaves protection on").isEqualTo(0x4F);
        crtc(0x11, 0x0E);
        crtc(0x01, 0x27);
        assertThat(crtc(0x01)).isEqualTo(0x27);
        assertThat(vga.textColumns()).isEqualTo(40);
    }

    @Test
    void attributeControllerFlipFlopResetByInputStatusRead() {
        vga.read(0x3DA, 1);
        vga.write(0x3C0, 1, 0x01);
        vga.write(0x3C0, 1, 0x3E);
        vga.write(0x3C0, 1, 0x02); // index again
        vga.read(0x3DA, 1);
        vga.write(0x3C0, 1, 0x01);
        assertThat(vga.read(0x3C1, 1)).isEqualTo(0x3E);
    }

    @Test
    void dacWritesAndReadsTriplesWithAutoIncrement() {
        vga.write(0x3C8, 1, 0x10);
        for (int v : new int[] {1, 2, 3, 0x3F, 0x7F, 5}) {
            vga.write(0x3C9, 1, v);
        }
        vga.write(0x3C7, 1, 0x10);
        assertThat(vga.read(0x3C7, 1)).isEqualTo(3);
        int[] got = new int[6];
        for (int i = 0; i < 6; i++) {
            got[i] = vga.read(0x3C9, 1);
        }
        assertThat(got).containsExactly(1, 2, 3, 0x3F, 0x3F, 5);
        assertThat(vga.rgb(0x11)).isEqualTo(0xFFFF14);
    }

    @Test
    void textPaletteGivesCgaColours() {
        assertThat(vga.textColour(0x0)).isEqualTo(0x000000);
        assertThat(vga.textColour(0x1)).isEqualTo(0x0000AA);
        assertThat(vga.textColour(0x6)).isEqualTo(0xAA5500);
        assertThat(vga.textColour(0xF)).isEqualTo(0xFFFFFF);
    }

    @Test
    void mode13hWindowAtA0000IsOneBytePerPixel() {
        assertThat(vga.window.read(0xA0000, 1)).as("text mode maps only B8000").isEqualTo(0xFF);
        vga.write(0x3CE, 1, 0x06);
        vga.write(0x3CF, 1, 0x05); // graphics, A0000 64K
        assertThat(vga.graphicsMode()).isTrue();
        vga.window.write(0xA0000 + 10 * 320 + 7, 1, 0x2C);
        assertThat(vga.pixel(7, 10)).isEqualTo(0x2C);
        assertThat(vga.window.read(0xB8000, 1)).isEqualTo(0xFF);
    }

    @Test
    void inputStatusShowsVerticalRetraceOncePerFrame() {
        int retraces = 0;
        boolean was = false;
        for (int us = 0; us < 100_000; us += 20) {
            fc.advanceMicros(20);
            boolean now = (vga.read(0x3DA, 1) & 0x08) != 0;
            if (now && !was) {
                retraces++;
            }
            was = now;
        }
        assertThat(retraces).as("70 Hz over 100 ms").isBetween(6, 8);
    }

    @Test
    void stateRoundTripKeepsTextRegistersAndPalette() {
        poke(0xB8000, "saved", 0x4E);
        crtc(0x0E, 0x00);
        crtc(0x0F, 0x03);
        vga.write(0x3C8, 1, 0x20);
        vga.write(0x3C9, 1, 0x11);
        Snapshot s = new Snapshot();
        s.save("vga", vga);
        Vga copy = new Vga(fc.clock);
        Snapshot.decode(s.encode()).load("vga", copy);
        assertThat(copy.textRow(0)).isEqualTo(vga.textRow(0)).startsWith("saved");
        assertThat(copy.cursor()).isEqualTo(3);
        assertThat(copy.dump()).isEqualTo(vga.dump());
        assertThat(copy.rgb(0x20)).isEqualTo(vga.rgb(0x20));
    }
}
