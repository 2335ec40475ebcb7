package org.jinx.dev.bios;

import org.jinx.bus.IoPortBus;

/**
 * The VGA register values of the two modes the BIOS sets, 3 (80×25 text, 16 colours) and 13h
 * (320×200, 256 colours, chain 4), and the DAC palettes that go with them, written to the
 * chip through its ports as a video BIOS does.
 */
final class VgaModes {
    private record Mode(int misc, int[] seq, int[] crtc, int[] gc, int[] attr) {
    }

    private static final Mode TEXT = new Mode(0x67,
            new int[] {0x03, 0x00, 0x03, 0x00, 0x02},
            new int[] {0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00,
                0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF},
            new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF},
            new int[] {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E,
                0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00});

    private static final Mode GRAPHICS_13H = new Mode(0x63,
            new int[] {0x03, 0x01, 0x0F, 0x00, 0x0E},
            new int[] {0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x9C, 0x0E, 0x8F, 0x28, 0x40, 0x96, 0xB9, 0xA3, 0xFF},
            new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x05, 0x0F, 0xFF},
            new int[] {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
                0x0F, 0x41, 0x00, 0x0F, 0x00, 0x00});

    private VgaModes() {
    }

    static void program(IoPortBus io, boolean graphics) {
        Mode m = graphics ? GRAPHICS_13H : TEXT;
        io.out(0x3C2, 1, m.misc);
        for (int i = 0; i < m.seq.length; i++) {
            io.out(0x3C4, 1, i);
            io.out(0x3C5, 1, m.seq[i]);
        }
        io.out(0x3D4, 1, 0x11);
        io.out(0x3D5, 1, m.crtc[0x11] & 0x7F); // unlock CRTC registers 0-7 first
        for (int i = 0; i < m.crtc.length; i++) {
            io.out(0x3D4, 1, i);
            io.out(0x3D5, 1, m.crtc[i]);
        }
        for (int i = 0; i < m.gc.length; i++) {
            io.out(0x3CE, 1, i);
            io.out(0x3CF, 1, m.gc[i]);
        }
        io.in(0x3DA, 1); // the attribute controller's flip-flop to "index"
        for (int i = 0; i < m.attr.length; i++) {
            io.out(0x3C0, 1, i);
            io.out(0x3C0, 1, m.attr[i]);
        }
        io.out(0x3C0, 1, 0x20); // palette address source: the display reads the palette again
        io.out(0x3C6, 1, 0xFF);
        if (graphics) {
            palette256(io);
        } else {
            egaPalette(io, 0, 64);
        }
    }

    /**
     * The 64 EGA colours in DAC entries {@code first..first+count-1}: index bits 2-0 are red,
     * green, blue at two thirds, bits 5-3 the same at one third.
     */
    private static void egaPalette(IoPortBus io, int first, int count) {
        io.out(0x3C8, 1, first);
        for (int i = 0; i < count; i++) {
            int r = ((i & 4) != 0 ? 0x2A : 0) + ((i & 0x20) != 0 ? 0x15 : 0);
            int g = ((i & 2) != 0 ? 0x2A : 0) + ((i & 0x10) != 0 ? 0x15 : 0);
            int b = ((i & 1) != 0 ? 0x2A : 0) + ((i & 0x08) != 0 ? 0x15 : 0);
            io.out(0x3C9, 1, r);
            io.out(0x3C9, 1, g);
            io.out(0x3C9, 1, b);
        }
    }

    /**
     * Mode 13h colours: the 16 text colours, 16 grey levels, a 6×6×6 colour cube, and black
     * for the last 8 entries. (Not IBM's default table, but the same kind of spread.)
     */
    private static void palette256(IoPortBus io) {
        io.out(0x3C8, 1, 0);
        for (int i = 0; i < 16; i++) {
            int intense = (i & 8) != 0 ? 0x15 : 0;
            int r = ((i & 4) != 0 ? 0x2A : 0) + intense;
            int g = i == 6 ? 0x15 : ((i & 2) != 0 ? 0x2A : 0) + intense; // brown
            int b = ((i & 1) != 0 ? 0x2A : 0) + intense;
            rgb(io, r, g, b);
        }
        for (int i = 0; i < 16; i++) {
            int v = i * 63 / 15;
            rgb(io, v, v, v);
        }
        for (int i = 0; i < 216; i++) {
            rgb(io, i / 36 * 63 / 5, i / 6 % 6 * 63 / 5, i % 6 * 63 / 5);
        }
        for (int i = 0; i < 8; i++) {
            rgb(io, 0, 0, 0);
        }
    }

    private static void rgb(IoPortBus io, int r, int g, int b) {
        io.out(0x3C9, 1, r);
        io.out(0x3C9, 1, g);
        io.out(0x3C9, 1, b);
    }
}
