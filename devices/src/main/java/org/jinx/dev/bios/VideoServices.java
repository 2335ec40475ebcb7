package org.jinx.dev.bios;

import static org.jinx.dev.bios.BiosMemory.*;
import static org.jinx.dev.bios.CallFrame.*;

import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;
import org.jinx.dev.vga.VgaFont;

/**
 * INT 10h, the video services, for text mode 3 (80×25, 8 pages at B800:0000) and graphics mode
 * 13h (320×200×256 at A000:0000, text in 40×25 cells of 8×8 pixels). The mode, cursor positions
 * and page live in the BIOS data area, as programs expect to find them there; the hardware
 * cursor and start address are programmed through the CRTC.
 *
 * <p>Functions: 00h set mode (modes 0-3 and 7 are all set as text mode 3; bit 7 of AL keeps the
 * screen), 01h cursor shape, 02h/03h set/get cursor, 05h page, 06h/07h scroll, 08h read cell,
 * 09h/0Ah write cell, 0Eh teletype, 0Fh get mode, 10h palette and DAC (00h, 10h, 12h, 15h,
 * 17h), 1130h font pointer, 12h BL=10h configuration, 13h write string, 1Ah display code.
 */
final class VideoServices {
    private static final int TEXT_BASE = 0xB8000;
    private static final int GRAPHICS_BASE = 0xA0000;
    private static final int TEXT_PAGE_SIZE = 0x1000;

    private final Bios bios;
    private final BiosMemory mem;
    private final IoPortBus io;

    VideoServices(Bios bios) {
        this.bios = bios;
        this.mem = bios.mem;
        this.io = bios.pc.machine.io;
    }

    void int10(Cpu cpu) {
        switch (ah(cpu)) {
            case 0x00 -> setMode(al(cpu) & 0x7F, (al(cpu) & 0x80) == 0);
            case 0x01 -> setCursorShape(cx(cpu));
            case 0x02 -> setCursor(bh(cpu) & 7, dh(cpu), dl(cpu));
            case 0x03 -> {
                int page = bh(cpu) & 7;
                cpu.setReg16(Cpu.ECX, mem.bda16(CURSOR_SHAPE));
                cpu.setReg16(Cpu.EDX, mem.bda16(CURSOR_POS + 2 * page));
            }
            case 0x05 -> setPage(al(cpu) & 7);
            case 0x06, 0x07 -> scroll(ah(cpu) == 0x06, al(cpu), bh(cpu), ch(cpu), cl(cpu), dh(cpu), dl(cpu));
            case 0x08 -> {
                int page = bh(cpu) & 7;
                int pos = mem.bda16(CURSOR_POS + 2 * page);
                setAx(cpu, graphics() ? 0 : mem.physical().read16(cellAddress(page, pos >> 8, pos & 0xFF)));
            }
            case 0x09, 0x0A -> {
                int page = bh(cpu) & 7;
                int pos = mem.bda16(CURSOR_POS + 2 * page);
                writeCells(page, pos >> 8, pos & 0xFF, al(cpu), bl(cpu), cx(cpu), ah(cpu) == 0x09);
            }
            case 0x0E -> teletype(al(cpu), bl(cpu));
            case 0x0F -> {
                setAh(cpu, mem.bda16(VIDEO_COLUMNS));
                setAl(cpu, mem.bda8(VIDEO_MODE));
                cpu.setReg8(7, mem.bda8(VIDEO_PAGE));
            }
            case 0x10 -> palette(cpu);
            case 0x11 -> {
                if (al(cpu) == 0x30) { // font information: every font is the 8×16 one
                    cpu.seg[Cpu.ES].loadReal(0xF000);
                    cpu.setReg16(Cpu.EBP, BiosRom.FONT_8X16);
                    cpu.setReg16(Cpu.ECX, VgaFont.HEIGHT);
                    cpu.setReg8(2, mem.bda8(VIDEO_ROWS));
                }
            }
            case 0x12 -> {
                if (bl(cpu) == 0x10) { // EGA/VGA information: colour, 256 KiB, feature bits 0, switches 9
                    cpu.setReg16(Cpu.EBX, 0x0003);
                    cpu.setReg16(Cpu.ECX, 0x0009);
                }
            }
            case 0x13 -> writeString(cpu);
            case 0x1A -> {
                if (al(cpu) == 0x00) {
                    setAl(cpu, 0x1A);
                    cpu.setReg16(Cpu.EBX, 0x0008); // VGA with colour display, no second display
                }
            }
            default -> { } // unsupported: registers unchanged (VBE callers see AL != 4Fh)
        }
    }

    // ---------------------------------------------------------------- modes

    boolean graphics() {
        return mem.bda8(VIDEO_MODE) == 0x13;
    }

    private int columns() {
        return mem.bda16(VIDEO_COLUMNS);
    }

    private int rows() {
        return mem.bda8(VIDEO_ROWS) + 1;
    }

    void setMode(int mode, boolean clear) {
        boolean gfx = mode == 0x13;
        if (!gfx && mode > 3 && mode != 7) {
            return; // a mode we do not have: nothing changes
        }
        VgaModes.program(io, gfx);
        mem.setBda8(VIDEO_MODE, gfx ? 0x13 : mode == 2 ? 2 : 3);
        mem.setBda16(VIDEO_COLUMNS, gfx ? 40 : 80);
        mem.setBda16(VIDEO_PAGE_SIZE, gfx ? 0xFA00 : TEXT_PAGE_SIZE);
        mem.setBda16(VIDEO_PAGE_START, 0);
        mem.setBda8(VIDEO_PAGE, 0);
        mem.setBda16(CRTC_BASE, 0x3D4);
        mem.setBda8(VIDEO_ROWS, 24);
        mem.setBda16(CHAR_HEIGHT, gfx ? 8 : 16);
        mem.setBda8(0x65, gfx ? 0x00 : 0x29); // CGA mode select register image
        mem.setBda8(0x66, 0x30);
        mem.setBda8(0x87, 0x60); // EGA/VGA information: video memory 256 KiB
        mem.setBda8(0x88, 0x09);
        mem.setBda8(0x89, 0x51); // VGA active, 400 scan lines in text modes
        mem.setBda8(0x8A, 0x08); // display combination code index
        for (int p = 0; p < 8; p++) {
            mem.setBda16(CURSOR_POS + 2 * p, 0);
        }
        if (clear) {
            var m = mem.physical();
            if (gfx) {
                for (int a = GRAPHICS_BASE; a < GRAPHICS_BASE + 0x10000; a += 4) {
                    m.write32(a, 0);
                }
            } else {
                for (int a = TEXT_BASE; a < TEXT_BASE + 0x8000; a += 4) {
                    m.write32(a, 0x07200720);
                }
            }
        }
        setCursorShape(0x0607);
        setCrtcStart(0);
        updateHardwareCursor();
    }

    /** CH = start line (bit 5 hides the cursor), CL = end line, in CGA's 8-line cell, scaled to 16 lines. */
    private void setCursorShape(int cx) {
        mem.setBda16(CURSOR_SHAPE, cx);
        int start = cx >> 8 & 0x3F;
        int end = cx & 0x1F;
        if ((start & 0x20) == 0 && start < 8 && end < 8) {
            start = start * 2;
            end = end * 2 + 1;
        }
        crtc(0x0A, start);
        crtc(0x0B, end);
    }

    private void setPage(int page) {
        if (graphics()) {
            return;
        }
        mem.setBda8(VIDEO_PAGE, page);
        mem.setBda16(VIDEO_PAGE_START, page * TEXT_PAGE_SIZE);
        setCrtcStart(page * TEXT_PAGE_SIZE / 2);
        updateHardwareCursor();
    }

    private void crtc(int index, int value) {
        io.out(0x3D4, 1, index);
        io.out(0x3D5, 1, value);
    }

    private void setCrtcStart(int cell) {
        crtc(0x0C, cell >> 8 & 0xFF);
        crtc(0x0D, cell & 0xFF);
    }

    // ---------------------------------------------------------------- cursor

    void setCursor(int page, int row, int col) {
        mem.setBda16(CURSOR_POS + 2 * page, row << 8 | col);
        if (page == mem.bda8(VIDEO_PAGE)) {
            updateHardwareCursor();
        }
    }

    private void updateHardwareCursor() {
        if (graphics()) {
            return;
        }
        int page = mem.bda8(VIDEO_PAGE);
        int pos = mem.bda16(CURSOR_POS + 2 * page);
        int cell = mem.bda16(VIDEO_PAGE_START) / 2 + (pos >> 8) * columns() + (pos & 0xFF);
        crtc(0x0E, cell >> 8 & 0xFF);
        crtc(0x0F, cell & 0xFF);
    }

    // ---------------------------------------------------------------- cells

    private int cellAddress(int page, int row, int col) {
        return TEXT_BASE + page * TEXT_PAGE_SIZE + 2 * (row * columns() + col);
    }

    private void writeCells(int page, int row, int col, int ch, int attr, int count, boolean withAttr) {
        int cols = columns();
        for (int i = 0; i < count; i++) {
            int r = row + (col + i) / cols;
            int c = (col + i) % cols;
            if (r >= rows()) {
                break;
            }
            putChar(page, r, c, ch, attr, withAttr);
        }
    }

    private void putChar(int page, int row, int col, int ch, int attr, boolean withAttr) {
        if (graphics()) {
            drawGlyph(row, col, ch, attr);
            return;
        }
        int a = cellAddress(page, row, col);
        var m = mem.physical();
        m.write8(a, ch);
        if (withAttr) {
            m.write8(a + 1, attr);
        }
    }

    /** Mode 13h text: the 8×8 form of the font (the glyph's odd rows and its descender row). */
    private void drawGlyph(int row, int col, int ch, int colour) {
        var m = mem.physical();
        for (int y = 0; y < 8; y++) {
            int bits = VgaFont.row(ch, y < 7 ? 1 + 2 * y : 15);
            int line = GRAPHICS_BASE + (row * 8 + y) * 320 + col * 8;
            for (int x = 0; x < 8; x++) {
                m.write8(line + x, (bits & 0x80 >> x) != 0 ? colour : 0);
            }
        }
    }

    private void scroll(boolean up, int lines, int attr, int top, int left, int bottom, int right) {
        int cols = columns();
        right = Math.min(right, cols - 1);
        bottom = Math.min(bottom, rows() - 1);
        if (top > bottom || left > right) {
            return;
        }
        int height = bottom - top + 1;
        if (lines == 0 || lines > height) {
            lines = height;
        }
        int page = mem.bda8(VIDEO_PAGE);
        for (int i = 0; i < height; i++) {
            int dst = up ? top + i : bottom - i;
            int src = up ? dst + lines : dst - lines;
            boolean blank = up ? src > bottom : src < top;
            for (int c = left; c <= right; c++) {
                if (graphics()) {
                    copyGraphicsCell(dst, c, blank ? -1 : src, attr);
                } else {
                    var m = mem.physical();
                    int v = blank ? attr << 8 | 0x20 : m.read16(cellAddress(page, src, c));
                    m.write16(cellAddress(page, dst, c), v);
                }
            }
        }
    }

    private void copyGraphicsCell(int dstRow, int col, int srcRow, int fill) {
        var m = mem.physical();
        for (int y = 0; y < 8; y++) {
            int d = GRAPHICS_BASE + (dstRow * 8 + y) * 320 + col * 8;
            int s = GRAPHICS_BASE + (srcRow * 8 + y) * 320 + col * 8;
            for (int x = 0; x < 8; x++) {
                m.write8(d + x, srcRow < 0 ? fill : m.read8(s + x));
            }
        }
    }

    // ---------------------------------------------------------------- teletype

    /** Writes one character as a terminal would on the active page; {@code colour} is used in mode 13h. */
    void teletype(int ch, int colour) {
        int page = mem.bda8(VIDEO_PAGE);
        int pos = mem.bda16(CURSOR_POS + 2 * page);
        int row = pos >> 8;
        int col = pos & 0xFF;
        switch (ch) {
            case 0x07 -> { } // bell: no speaker model to beep
            case 0x08 -> col = Math.max(0, col - 1);
            case 0x0A -> row++;
            case 0x0D -> col = 0;
            default -> {
                putChar(page, row, col, ch, colour, false);
                col++;
            }
        }
        moveCursor(page, row, col);
    }

    /** Sets the cursor after an output step: wraps past the last column, scrolls past the last row. */
    private void moveCursor(int page, int row, int col) {
        if (col >= columns()) {
            col = 0;
            row++;
        }
        if (row >= rows()) {
            int attr = graphics() ? 0 : mem.physical().read8(cellAddress(page, rows() - 1, 0) + 1);
            scroll(true, 1, attr, 0, 0, rows() - 1, columns() - 1);
            row = rows() - 1;
        }
        setCursor(page, row, col);
    }

    /** Text from the BIOS itself, in light grey. */
    void print(String s) {
        for (int i = 0; i < s.length(); i++) {
            teletype(s.charAt(i) & 0xFF, 0x07);
        }
    }

    /** AH=13h: AL bit 0 moves the cursor, bit 1 says the string alternates characters and attributes. */
    private void writeString(Cpu cpu) {
        int mode = al(cpu);
        int page = bh(cpu) & 7;
        int attr = bl(cpu);
        int count = cx(cpu);
        int at = BiosMemory.linear(cpu.seg[Cpu.ES].selector, cpu.reg16(Cpu.EBP));
        int saved = mem.bda16(CURSOR_POS + 2 * page);
        int activePage = mem.bda8(VIDEO_PAGE);
        setCursor(page, dh(cpu), dl(cpu));
        mem.setBda8(VIDEO_PAGE, page);
        for (int i = 0; i < count; i++) {
            int ch = mem.read8(at++);
            if ((mode & 2) != 0) {
                attr = mem.read8(at++);
            }
            if (ch == 0x07 || ch == 0x08 || ch == 0x0A || ch == 0x0D) {
                teletype(ch, attr);
            } else {
                int pos = mem.bda16(CURSOR_POS + 2 * page);
                putChar(page, pos >> 8, pos & 0xFF, ch, attr, true);
                moveCursor(page, pos >> 8, (pos & 0xFF) + 1);
            }
        }
        mem.setBda8(VIDEO_PAGE, activePage);
        if ((mode & 1) == 0) {
            setCursor(page, saved >> 8, saved & 0xFF);
        }
    }

    // ---------------------------------------------------------------- palette

    private void palette(Cpu cpu) {
        switch (al(cpu)) {
            case 0x00 -> { // one attribute palette register
                io.in(0x3DA, 1);
                io.out(0x3C0, 1, bl(cpu) & 0x1F);
                io.out(0x3C0, 1, bh(cpu));
                io.out(0x3C0, 1, 0x20);
            }
            case 0x10 -> { // one DAC register: BX index, DH red, CH green, CL blue
                io.out(0x3C8, 1, bx(cpu) & 0xFF);
                io.out(0x3C9, 1, dh(cpu));
                io.out(0x3C9, 1, ch(cpu));
                io.out(0x3C9, 1, cl(cpu));
            }
            case 0x12 -> { // a block of DAC registers from ES:DX
                int at = BiosMemory.linear(cpu.seg[Cpu.ES].selector, dx(cpu));
                io.out(0x3C8, 1, bx(cpu) & 0xFF);
                for (int i = 0; i < cx(cpu) * 3; i++) {
                    io.out(0x3C9, 1, mem.read8(at + i));
                }
            }
            case 0x15 -> { // read one DAC register
                io.out(0x3C7, 1, bx(cpu) & 0xFF);
                cpu.setReg8(6, io.in(0x3C9, 1));
                cpu.setReg8(5, io.in(0x3C9, 1));
                cpu.setReg8(1, io.in(0x3C9, 1));
            }
            case 0x17 -> { // read a block of DAC registers to ES:DX
                int at = BiosMemory.linear(cpu.seg[Cpu.ES].selector, dx(cpu));
                io.out(0x3C7, 1, bx(cpu) & 0xFF);
                for (int i = 0; i < cx(cpu) * 3; i++) {
                    mem.write8(at + i, io.in(0x3C9, 1));
                }
            }
            default -> { }
        }
    }
}
