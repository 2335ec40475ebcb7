package org.jinx.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Multiboot (version 0.6.96) header of an OS image: a 4-byte aligned structure within the
 * first 8192 bytes whose magic, flags and checksum add up to zero.
 */
public final class MultibootHeader {
    public static final int MAGIC = 0x1BADB002;
    public static final int SEARCH_LIMIT = 8192;
    /** Bit 0: align modules on pages (no modules are loaded, so nothing to do). */
    public static final int PAGE_ALIGN = 1;
    /** Bit 1: the kernel needs mem_lower/mem_upper, which Jinx always provides. */
    public static final int MEMORY_INFO = 1 << 1;
    /** Bit 2: a video mode request; Jinx has no graphics mode to offer and leaves the display alone. */
    public static final int VIDEO_MODE = 1 << 2;
    /** Bit 16: the header carries its own load addresses (the "a.out kludge"). */
    public static final int AOUT_KLUDGE = 1 << 16;
    /** Bits 0-15 are requirements: a loader must refuse a kernel that asks for one it does not know. */
    private static final int REQUIRED_MASK = 0xFFFF;
    private static final int UNDERSTOOD = PAGE_ALIGN | MEMORY_INFO | VIDEO_MODE;

    public final int fileOffset;
    public final int flags;
    public final long headerAddr;
    public final long loadAddr;
    public final long loadEndAddr;
    public final long bssEndAddr;
    public final long entryAddr;

    private MultibootHeader(ByteBuffer b, int off) {
        fileOffset = off;
        flags = b.getInt(off + 4);
        boolean kludge = (flags & AOUT_KLUDGE) != 0 && off + 32 <= b.limit();
        headerAddr = kludge ? b.getInt(off + 12) & 0xFFFFFFFFL : 0;
        loadAddr = kludge ? b.getInt(off + 16) & 0xFFFFFFFFL : 0;
        loadEndAddr = kludge ? b.getInt(off + 20) & 0xFFFFFFFFL : 0;
        bssEndAddr = kludge ? b.getInt(off + 24) & 0xFFFFFFFFL : 0;
        entryAddr = kludge ? b.getInt(off + 28) & 0xFFFFFFFFL : 0;
    }

    public boolean hasLoadAddresses() {
        return (flags & AOUT_KLUDGE) != 0;
    }

    /**
     * Finds the header, or returns null if the file has none. A magic number whose checksum does
     * not match is taken for ordinary data and the search goes on.
     */
    public static MultibootHeader find(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int end = Math.min(f.length, SEARCH_LIMIT) - 12;
        for (int off = 0; off <= end; off += 4) {
            if (b.getInt(off) == MAGIC && MAGIC + b.getInt(off + 4) + b.getInt(off + 8) == 0) {
                return new MultibootHeader(b, off);
            }
        }
        return null;
    }

    /** Refuses requirement bits Jinx does not implement, and a kludge header cut short. */
    public void check(String name) throws BootException {
        int unknown = flags & REQUIRED_MASK & ~UNDERSTOOD;
        if (unknown != 0) {
            throw new BootException(String.format(
                    "'%s': the multiboot header requires features Jinx does not provide (flag bits 0x%04X)", name, unknown));
        }
        if (hasLoadAddresses() && headerAddr == 0 && loadAddr == 0 && entryAddr == 0) {
            throw new BootException("'" + name + "': the multiboot header sets flag bit 16 but its address fields are missing");
        }
    }
}
