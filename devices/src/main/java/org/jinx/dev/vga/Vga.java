package org.jinx.dev.vga;

import org.jinx.bus.IoPortHandler;
import org.jinx.mem.MemoryRegion;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;
import org.jinx.time.VirtualClock;

/**
 * A VGA to the extent text mode and mode 13h need: the register files (miscellaneous output,
 * sequencer, CRT controller, graphics controller, attribute controller, DAC) at their colour
 * addresses (0x3C0-0x3CF, 0x3D4-0x3D5, 0x3DA), and the memory window at 0xA0000-0xBFFFF as the
 * CPU sees it in those modes: text as character/attribute byte pairs, mode 13h as one byte per
 * pixel (chain 4). Planar modes and the write modes and latches of the graphics controller are
 * not modelled; the window that graphics register 6 selects takes byte writes as they are.
 *
 * <p>The chip starts in mode 3 (80×25 colour text), with the register values the BIOS programs
 * for it, so a text screen works without a video BIOS. Input status 1 reports vertical retrace
 * and display-enable from virtual time at a 70 Hz frame of 449 lines.
 */
public final class Vga implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;
    public static final int WINDOW_BASE = 0xA0000;
    public static final int WINDOW_SIZE = 0x20000;

    private static final int[] MODE3_SEQ = {0x03, 0x00, 0x03, 0x00, 0x02};
    private static final int[] MODE3_CRTC = {0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D,
        0x0E, 0x00, 0x00, 0x00, 0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF};
    private static final int[] MODE3_GC = {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF};
    private static final int[] MODE3_ATTR = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A,
        0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00};

    private static final long FRAME_NS = 1_000_000_000L / 70;
    private static final long LINE_NS = FRAME_NS / 449;
    private static final long HBLANK_NS = LINE_NS / 5;
    private static final int VRETRACE_LINES = 2;

    private final VirtualClock clock;
    private final byte[] vram = new byte[WINDOW_SIZE];

    private int misc = 0x67;
    private final int[] seq = MODE3_SEQ.clone();
    private final int[] crtc = MODE3_CRTC.clone();
    private final int[] gc = MODE3_GC.clone();
    private final int[] attr = MODE3_ATTR.clone();
    private final byte[] dac = new byte[256 * 3];
    private int seqIndex;
    private int crtcIndex;
    private int gcIndex;
    private int attrIndex;
    /** The attribute controller's flip-flop: false = next write to 0x3C0 is an index. */
    private boolean attrData;
    private int dacReadIndex;
    private int dacWriteIndex;
    private int dacComponent;
    /** 0 after a write index was set, 3 after a read index (the DAC state register). */
    private int dacState;
    private int pelMask = 0xFF;

    public Vga(VirtualClock clock) {
        this.clock = clock;
        for (int i = 0; i < 16; i++) {
            // the 16 text colours in 6-bit DAC values: blue, green, red from bits 0-2, bright from bit 3
            int lo = (i & 8) != 0 ? 0x15 : 0;
            int hi = 0x2A;
            int entry = MODE3_ATTR[i];
            int r = ((i & 4) != 0 ? hi : 0) + lo;
            int g = ((i & 2) != 0 ? hi : 0) + lo;
            int b = ((i & 1) != 0 ? hi : 0) + lo;
            if (i == 6) {
                g = 0x15; // brown, not dark yellow
            }
            dac[entry * 3] = (byte) r;
            dac[entry * 3 + 1] = (byte) g;
            dac[entry * 3 + 2] = (byte) b;
        }
    }

    // ---------------------------------------------------------------- memory window

    /** Offset of {@code addr} in VRAM if the window that GC register 6 selects covers it, else -1. */
    private int windowOffset(int addr) {
        int off = addr - WINDOW_BASE;
        if (off < 0 || off >= WINDOW_SIZE) {
            return -1;
        }
        return switch (gc[6] >> 2 & 3) {
            case 0 -> off; // A0000-BFFFF
            case 1 -> off < 0x10000 ? off : -1; // A0000-AFFFF
            case 2 -> off >= 0x10000 && off < 0x18000 ? off : -1; // B0000-B7FFF
            default -> off >= 0x18000 ? off : -1; // B8000-BFFFF
        };
    }

    /** The memory window, for the board to map at {@link #WINDOW_BASE}. */
    public final MemoryRegion window = new MemoryRegion() {
        @Override
        public int read(int addr, int size) {
            int v = 0;
            for (int i = 0; i < size; i++) {
                int off = windowOffset(addr + i);
                v |= (off < 0 ? 0xFF : vram[off] & 0xFF) << (8 * i);
            }
            return v;
        }

        @Override
        public void write(int addr, int size, int value) {
            for (int i = 0; i < size; i++) {
                int off = windowOffset(addr + i);
                if (off >= 0) {
                    vram[off] = (byte) (value >>> (8 * i));
                }
            }
        }
    };

    // ---------------------------------------------------------------- ports

    @Override
    public int read(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= readPort(port + i) << (8 * i);
        }
        return v;
    }

    @Override
    public void write(int port, int size, int value) {
        if (size == 2 && (port == 0x3C4 || port == 0x3CE || port == 0x3D4)) {
            // a word write sets the index and then the data register
            writePort(port, value & 0xFF);
            writePort(port + 1, value >> 8 & 0xFF);
            return;
        }
        for (int i = 0; i < size; i++) {
            writePort(port + i, value >>> (8 * i) & 0xFF);
        }
    }

    private int readPort(int port) {
        switch (port) {
            case 0x3C0:
                return attrIndex;
            case 0x3C1:
                return attrIndex < attr.length ? attr[attrIndex] : 0;
            case 0x3C2:
                return 0x00; // input status 0: no switch sense, no vertical interrupt
            case 0x3C4:
                return seqIndex;
            case 0x3C5:
                return seqIndex < seq.length ? seq[seqIndex] : 0xFF;
            case 0x3C6:
                return pelMask;
            case 0x3C7:
                return dacState;
            case 0x3C8:
                return dacWriteIndex;
            case 0x3C9: {
                int v = dac[dacReadIndex * 3 + dacComponent] & 0x3F;
                if (++dacComponent == 3) {
                    dacComponent = 0;
                    dacReadIndex = (dacReadIndex + 1) & 0xFF;
                }
                return v;
            }
            case 0x3CC:
                return misc;
            case 0x3CE:
                return gcIndex;
            case 0x3CF:
                return gcIndex < gc.length ? gc[gcIndex] : 0xFF;
            case 0x3D4:
                return crtcIndex;
            case 0x3D5:
                return crtcIndex < crtc.length ? crtc[crtcIndex] : 0xFF;
            case 0x3DA:
                attrData = false; // reading input status 1 resets the attribute flip-flop
                return inputStatus1();
            default:
                return 0xFF;
        }
    }

    private void writePort(int port, int v) {
        switch (port) {
            case 0x3C0 -> {
                if (!attrData) {
                    attrIndex = v & 0x3F; // bit 5 (PAS) kept: palette access is not modelled further
                } else if ((attrIndex & 0x1F) < attr.length) {
                    attr[attrIndex & 0x1F] = v;
                }
                attrData = !attrData;
            }
            case 0x3C2 -> misc = v;
            case 0x3C4 -> seqIndex = v & 0x07;
            case 0x3C5 -> {
                if (seqIndex < seq.length) {
                    seq[seqIndex] = v;
                }
            }
            case 0x3C6 -> pelMask = v;
            case 0x3C7 -> {
                dacReadIndex = v;
                dacComponent = 0;
                dacState = 3;
            }
            case 0x3C8 -> {
                dacWriteIndex = v;
                dacComponent = 0;
                dacState = 0;
            }
            case 0x3C9 -> {
                dac[dacWriteIndex * 3 + dacComponent] = (byte) (v & 0x3F);
                if (++dacComponent == 3) {
                    dacComponent = 0;
                    dacWriteIndex = (dacWriteIndex + 1) & 0xFF;
                }
            }
            case 0x3CE -> gcIndex = v & 0x0F;
            case 0x3CF -> {
                if (gcIndex < gc.length) {
                    gc[gcIndex] = v;
                }
            }
            case 0x3D4 -> crtcIndex = v & 0x1F;
            case 0x3D5 -> writeCrtc(v);
            default -> { }
        }
    }

    private void writeCrtc(int v) {
        if (crtcIndex >= crtc.length) {
            return;
        }
        if ((crtc[0x11] & 0x80) != 0 && crtcIndex <= 7) {
            if (crtcIndex == 7) {
                crtc[7] = crtc[7] & ~0x10 | v & 0x10; // only the line compare bit stays writable
            }
            return; // registers 0-7 are write protected
        }
        crtc[crtcIndex] = v;
    }

    /** Bit 3: vertical retrace; bit 0: display disabled (either blanking interval). */
    private int inputStatus1() {
        long phase = clock.nanos() % FRAME_NS;
        boolean vretrace = phase >= FRAME_NS - VRETRACE_LINES * LINE_NS;
        boolean hblank = phase % LINE_NS >= LINE_NS - HBLANK_NS;
        return (vretrace ? 0x08 : 0) | (vretrace || hblank ? 0x01 : 0);
    }

    // ---------------------------------------------------------------- what the screen shows

    public boolean graphicsMode() {
        return (gc[6] & 1) != 0;
    }

    public int textColumns() {
        return crtc[1] + 1;
    }

    public int textRows() {
        int lines = (crtc[0x12] | (crtc[7] & 0x02) << 7 | (crtc[7] & 0x40) << 3) + 1;
        return Math.max(1, lines / ((crtc[9] & 0x1F) + 1));
    }

    /** Start of the displayed page, in character cells from the start of text memory. */
    private int startAddress() {
        return crtc[0x0C] << 8 | crtc[0x0D];
    }

    /** The character/attribute cell at (row, column) of the displayed text page. */
    public int cell(int row, int col) {
        int off = 0x18000 + 2 * ((startAddress() + row * textColumns() + col) & 0x3FFF);
        return vram[off] & 0xFF | (vram[off + 1] & 0xFF) << 8;
    }

    /** One text row as characters (code page bytes mapped 1:1 to chars). */
    public String textRow(int row) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < textColumns(); c++) {
            sb.append((char) (cell(row, c) & 0xFF));
        }
        return sb.toString();
    }

    /** Cursor position as row * columns + column relative to the page, or -1 when hidden. */
    public int cursor() {
        if ((crtc[0x0A] & 0x20) != 0) {
            return -1;
        }
        return (crtc[0x0E] << 8 | crtc[0x0F]) - startAddress();
    }

    /** The first scan line of the text cursor in its cell (CRTC register 0Ah). */
    public int cursorStart() {
        return crtc[0x0A] & 0x1F;
    }

    /** The last scan line of the text cursor in its cell (CRTC register 0Bh). */
    public int cursorEnd() {
        return crtc[0x0B] & 0x1F;
    }

    /** Mode 13h: the DAC colour index of pixel (x, y). */
    public int pixel(int x, int y) {
        return vram[(y * 320 + x) & 0xFFFF] & 0xFF & pelMask;
    }

    /** A DAC entry as 0xRRGGBB with 6-bit components scaled to 8 bits. */
    public int rgb(int index) {
        int r = dac[index * 3] & 0x3F;
        int g = dac[index * 3 + 1] & 0x3F;
        int b = dac[index * 3 + 2] & 0x3F;
        return (r << 2 | r >> 4) << 16 | (g << 2 | g >> 4) << 8 | (b << 2 | b >> 4);
    }

    /** Colour of a text attribute nibble through the attribute palette and the DAC. */
    public int textColour(int nibble) {
        return rgb(attr[nibble & 0xF] & 0x3F);
    }

    public String dump() {
        return String.format("vga: %s %dx%d start=%04X cursor=%d misc=%02X GC6=%02X", graphicsMode() ? "graphics"
                : "text", textColumns(), textRows(), startAddress(), cursor(), misc, gc[6]);
    }

    // ---------------------------------------------------------------- state

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    private static byte[] bytes(int[] regs) {
        byte[] b = new byte[regs.length];
        for (int i = 0; i < regs.length; i++) {
            b[i] = (byte) regs[i];
        }
        return b;
    }

    private static void restore(int[] regs, byte[] b) {
        for (int i = 0; i < regs.length; i++) {
            regs[i] = b[i] & 0xFF;
        }
    }

    @Override
    public void saveState(StateWriter w) {
        w.putBytes("vram", vram).putInt("misc", misc).putBytes("sequencer", bytes(seq)).putBytes("crtc", bytes(crtc))
                .putBytes("graphics", bytes(gc)).putBytes("attribute", bytes(attr)).putBytes("dac", dac)
                .putInt("seqIndex", seqIndex).putInt("crtcIndex", crtcIndex).putInt("gcIndex", gcIndex)
                .putInt("attrIndex", attrIndex).putBoolean("attrData", attrData).putInt("dacReadIndex", dacReadIndex)
                .putInt("dacWriteIndex", dacWriteIndex).putInt("dacComponent", dacComponent)
                .putInt("dacState", dacState).putInt("pelMask", pelMask);
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        System.arraycopy(r.getBytes("vram", WINDOW_SIZE), 0, vram, 0, WINDOW_SIZE);
        misc = r.getInt("misc") & 0xFF;
        restore(seq, r.getBytes("sequencer", seq.length));
        restore(crtc, r.getBytes("crtc", crtc.length));
        restore(gc, r.getBytes("graphics", gc.length));
        restore(attr, r.getBytes("attribute", attr.length));
        System.arraycopy(r.getBytes("dac", dac.length), 0, dac, 0, dac.length);
        seqIndex = r.getInt("seqIndex") & 7;
        crtcIndex = r.getInt("crtcIndex") & 0x1F;
        gcIndex = r.getInt("gcIndex") & 0x0F;
        attrIndex = r.getInt("attrIndex") & 0x3F;
        attrData = r.getBoolean("attrData");
        dacReadIndex = r.getInt("dacReadIndex") & 0xFF;
        dacWriteIndex = r.getInt("dacWriteIndex") & 0xFF;
        dacComponent = r.getInt("dacComponent") % 3;
        dacState = r.getInt("dacState") & 3;
        pelMask = r.getInt("pelMask") & 0xFF;
    }
}
