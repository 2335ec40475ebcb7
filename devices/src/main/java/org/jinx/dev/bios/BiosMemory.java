package org.jinx.dev.bios;

import org.jinx.cpu.Cpu;
import org.jinx.mem.PhysicalMemory;

/**
 * Memory as the BIOS services see it: the BIOS data area at physical 0x400, and the caller's
 * buffers at segment:offset, translated through the page tables when a virtual-8086 monitor
 * has paging on (a page fault then restarts the caller's INT, as a fault inside a ROM routine
 * would).
 */
final class BiosMemory {
    static final int BDA = 0x400;

    // BIOS data area offsets (from 0x400)
    static final int COM_PORTS = 0x00;
    static final int EBDA_SEGMENT = 0x0E;
    static final int EQUIPMENT = 0x10;
    static final int MEMORY_KIB = 0x13;
    static final int KBD_FLAGS = 0x17;
    static final int KBD_FLAGS2 = 0x18;
    static final int KBD_HEAD = 0x1A;
    static final int KBD_TAIL = 0x1C;
    static final int FLOPPY_STATUS = 0x41;
    static final int VIDEO_MODE = 0x49;
    static final int VIDEO_COLUMNS = 0x4A;
    static final int VIDEO_PAGE_SIZE = 0x4C;
    static final int VIDEO_PAGE_START = 0x4E;
    static final int CURSOR_POS = 0x50;
    static final int CURSOR_SHAPE = 0x60;
    static final int VIDEO_PAGE = 0x62;
    static final int CRTC_BASE = 0x63;
    static final int TICKS = 0x6C;
    static final int MIDNIGHT = 0x70;
    static final int DISK_STATUS = 0x74;
    static final int HARD_DISKS = 0x75;
    static final int KBD_START = 0x80;
    static final int KBD_END = 0x82;
    static final int VIDEO_ROWS = 0x84;
    static final int CHAR_HEIGHT = 0x85;
    static final int KBD_FLAGS3 = 0x96;

    private final Cpu cpu;
    private final PhysicalMemory mem;

    BiosMemory(Cpu cpu) {
        this.cpu = cpu;
        this.mem = cpu.mem;
    }

    PhysicalMemory physical() {
        return mem;
    }

    int bda8(int off) {
        return mem.read8(BDA + off);
    }

    int bda16(int off) {
        return mem.read16(BDA + off);
    }

    int bda32(int off) {
        return mem.read32(BDA + off);
    }

    void setBda8(int off, int v) {
        mem.write8(BDA + off, v);
    }

    void setBda16(int off, int v) {
        mem.write16(BDA + off, v);
    }

    void setBda32(int off, int v) {
        mem.write32(BDA + off, v);
    }

    /** The linear address of {@code seg:off} for a real-mode or virtual-8086 caller. */
    static int linear(int seg, int off) {
        return (seg & 0xFFFF) * 16 + (off & 0xFFFF);
    }

    private int physical(int lin, boolean write) {
        return cpu.pagingEnabled() ? cpu.paging.translate(lin, write, false) : lin;
    }

    int read8(int lin) {
        return mem.read8(physical(lin, false));
    }

    int read16(int lin) {
        return read8(lin) | read8(lin + 1) << 8;
    }

    int read32(int lin) {
        return read16(lin) | read16(lin + 2) << 16;
    }

    void write8(int lin, int v) {
        mem.write8(physical(lin, true), v);
    }

    void write16(int lin, int v) {
        write8(lin, v);
        write8(lin + 1, v >> 8);
    }

    void write32(int lin, int v) {
        write16(lin, v);
        write16(lin + 2, v >>> 16);
    }

    /** Copies {@code len} bytes from {@code buf} to guest memory at {@code lin}. */
    void copyIn(int lin, byte[] buf, int off, int len) {
        if (!cpu.pagingEnabled()) {
            mem.load(lin, buf, off, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            write8(lin + i, buf[off + i]);
        }
    }

    /** Copies {@code len} bytes of guest memory at {@code lin} into {@code buf}. */
    void copyOut(int lin, byte[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            buf[off + i] = (byte) read8(lin + i);
        }
    }
}
