package org.jinx.boot;

import java.nio.charset.StandardCharsets;
import org.jinx.mem.PhysicalMemory;

/**
 * Writes the Multiboot information structure that EBX points at when the kernel starts: memory
 * sizes, the command line, a BIOS-style memory map and the boot loader's name. Everything lives
 * in one block of low memory starting at {@link #BASE}; {@link #size} says how long it is so
 * the loader can check that the kernel does not overlap it.
 */
public final class MultibootInfo {
    /** Physical address of the structure: low memory a PC leaves free, below the EBDA. */
    public static final int BASE = 0x9000;
    public static final String LOADER_NAME = "Jinx";

    public static final int FLAG_MEMORY = 1;
    public static final int FLAG_CMDLINE = 1 << 2;
    public static final int FLAG_MODS = 1 << 3;
    public static final int FLAG_MMAP = 1 << 6;
    public static final int FLAG_LOADER_NAME = 1 << 9;

    /** Where the 640 KiB of conventional memory ends: the last KiB is the BIOS's extended data area. */
    public static final int LOW_MEMORY_END = 0x9FC00;
    public static final int MMAP_AVAILABLE = 1;
    public static final int MMAP_RESERVED = 2;

    /** Offsets inside the block: the structure itself (with room for the VBE and framebuffer fields). */
    private static final int INFO_SIZE = 0x80;
    private static final int MMAP_OFFSET = 0x80;
    private static final int MMAP_ENTRY = 24;
    private static final int NAME_OFFSET = 0x100;
    private static final int CMDLINE_OFFSET = 0x110;

    private final byte[] cmdline;
    private final int ramSize;

    public MultibootInfo(int ramSize, String cmdline) throws BootException {
        this.ramSize = ramSize;
        if (cmdline.indexOf('\0') >= 0) {
            throw new BootException("the kernel command line (--append) must not contain a NUL character");
        }
        this.cmdline = cmdline.getBytes(StandardCharsets.UTF_8);
        if (BASE + CMDLINE_OFFSET + this.cmdline.length + 1 > LOW_MEMORY_END) {
            throw new BootException("the kernel command line (--append) is too long: " + this.cmdline.length + " bytes");
        }
    }

    /** Bytes from {@link #BASE} that the structure and its strings occupy. */
    public int size() {
        return CMDLINE_OFFSET + cmdline.length + 1;
    }

    /** Writes the block and returns the structure's address (the value for EBX). */
    public int write(PhysicalMemory mem) {
        for (int i = 0; i < size(); i++) {
            mem.write8(BASE + i, 0);
        }
        int mmap = BASE + MMAP_OFFSET;
        int n = 0;
        n += mmapEntry(mem, mmap + n * MMAP_ENTRY, 0, Math.min(ramSize, LOW_MEMORY_END), MMAP_AVAILABLE);
        n += mmapEntry(mem, mmap + n * MMAP_ENTRY, LOW_MEMORY_END, 0xA0000 - LOW_MEMORY_END, MMAP_RESERVED);
        n += mmapEntry(mem, mmap + n * MMAP_ENTRY, 0xF0000, 0x10000, MMAP_RESERVED);
        if (ramSize > 0x100000) {
            n += mmapEntry(mem, mmap + n * MMAP_ENTRY, 0x100000, ramSize - 0x100000, MMAP_AVAILABLE);
        }
        byte[] name = LOADER_NAME.getBytes(StandardCharsets.US_ASCII);
        mem.load(BASE + NAME_OFFSET, name, 0, name.length);
        mem.load(BASE + CMDLINE_OFFSET, cmdline, 0, cmdline.length);

        mem.write32(BASE, FLAG_MEMORY | FLAG_CMDLINE | FLAG_MODS | FLAG_MMAP | FLAG_LOADER_NAME);
        mem.write32(BASE + 4, Math.min(ramSize, LOW_MEMORY_END) / 1024);             // mem_lower, KiB
        mem.write32(BASE + 8, Math.max(0, ramSize - 0x100000) / 1024);               // mem_upper, KiB above 1 MiB
        mem.write32(BASE + 16, BASE + CMDLINE_OFFSET);                               // cmdline
        mem.write32(BASE + 20, 0);                                                   // mods_count
        mem.write32(BASE + 24, BASE + INFO_SIZE);                                    // mods_addr (empty list)
        mem.write32(BASE + 44, n * MMAP_ENTRY);                                      // mmap_length
        mem.write32(BASE + 48, mmap);                                                // mmap_addr
        mem.write32(BASE + 64, BASE + NAME_OFFSET);                                  // boot_loader_name
        return BASE;
    }

    /** One memory map entry: a size field that does not count itself, base, length, type. */
    private static int mmapEntry(PhysicalMemory mem, int at, long base, long length, int type) {
        mem.write32(at, MMAP_ENTRY - 4);
        mem.write32(at + 4, (int) base);
        mem.write32(at + 8, (int) (base >>> 32));
        mem.write32(at + 12, (int) length);
        mem.write32(at + 16, (int) (length >>> 32));
        mem.write32(at + 20, type);
        return 1;
    }
}
