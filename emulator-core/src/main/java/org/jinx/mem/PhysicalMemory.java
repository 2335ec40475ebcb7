package org.jinx.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The physical address space: RAM as one byte array, with 4 KiB pages that a device or ROM can
 * claim. Pages inside RAM have one entry each in a small array (null = plain RAM), so the fast
 * path is one array load and a null test; pages above RAM, where only ROM aliases and devices
 * live, sit in a two-level table made as regions are mapped, so a Machine does not pay for a
 * 4 GiB page map. The A20 gate masks bit 20 of every address.
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    /** Code is tracked in lines of 1 << CODE_LINE_SHIFT bytes, CODE_LINE_WORDS longs per page. */
    public static final int CODE_LINE_SHIFT = 4;
    public static final int CODE_LINE_WORDS = 4;
    private static final int LEVEL_BITS = 10;
    private static final int LEVEL_MASK = (1 << LEVEL_BITS) - 1;
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] ram;
    private final int ramSize;
    /** One entry per page of RAM: null for plain RAM, else the region mapped over it. */
    private final MemoryRegion[] low;
    /** Pages from the end of RAM up: directory of tables of 1024 pages; null means unmapped. */
    private final MemoryRegion[][] high = new MemoryRegion[1 << LEVEL_BITS][];
    private int a20Mask = 0xFFFFFFFF;
    /** Counts changes of what an address reaches (A20, regions mapped or unmapped). */
    public int mappings;

    /**
     * Per RAM page, the 16-byte lines that hold decoded code, as four longs (bit i of long k:
     * bytes 16*(64k+i) .. +15): a write to one of them must invalidate the decode cache; a write
     * elsewhere in the page, such as to data that shares a page with code, need not.
     */
    private final long[] codeLines;
    private CodeWriteListener codeListener = page -> { };

    /** Told when a page that holds decoded instructions is written. */
    @FunctionalInterface
    public interface CodeWriteListener {
        void codeWritten(int page);

        /**
         * A write of {@code size} bytes at {@code addr}, within one page, to a page marked as
         * code; a listener that knows which bytes hold code can ignore writes elsewhere.
         */
        default void codeWritten(int addr, int size) {
            codeWritten(addr >>> PAGE_SHIFT);
        }
    }

    public PhysicalMemory(int ramBytes) {
        if (ramBytes <= 0 || (ramBytes & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + ramBytes);
        }
        this.ram = new byte[ramBytes];
        this.ramSize = ramBytes;
        this.low = new MemoryRegion[ramBytes >>> PAGE_SHIFT];
        this.codeLines = new long[(ramBytes >>> PAGE_SHIFT) * CODE_LINE_WORDS];
    }

    /** The region of a page: null for plain RAM, {@link MemoryRegion#UNMAPPED} for nothing. */
    private MemoryRegion region(int page) {
        if (page < low.length) {
            return low[page];
        }
        MemoryRegion[] table = high[page >>> LEVEL_BITS];
        MemoryRegion r = table == null ? null : table[page & LEVEL_MASK];
        return r == null ? MemoryRegion.UNMAPPED : r;
    }

    private void setRegion(int page, MemoryRegion r) {
        if (page < low.length) {
            low[page] = r;
            return;
        }
        MemoryRegion[] table = high[page >>> LEVEL_BITS];
        if (table == null) {
            if (r == null) {
                return;
            }
            table = new MemoryRegion[1 << LEVEL_BITS];
            high[page >>> LEVEL_BITS] = table;
        }
        table[page & LEVEL_MASK] = r;
    }

    public int ramSize() {
        return ramSize;
    }

    /** The RAM array itself, for loaders and the kernel's page-table builder. */
    public byte[] ram() {
        return ram;
    }

    public void setA20(boolean enabled) {
        a20Mask = enabled ? 0xFFFFFFFF : 0xFFEFFFFF;
        mappings++;
    }

    public boolean a20() {
        return a20Mask == 0xFFFFFFFF;
    }

    /** Maps a region over [base, base+size), both page aligned. */
    public void map(int base, int size, MemoryRegion region) {
        if ((base & 0xFFF) != 0 || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("regions are page aligned");
        }
        for (long a = base & 0xFFFFFFFFL; a < (base & 0xFFFFFFFFL) + size; a += 4096) {
            setRegion((int) (a >>> PAGE_SHIFT), region);
        }
        mappings++;
    }

    /** Returns [base, base+size) to RAM (or to nothing beyond the end of RAM). */
    public void unmap(int base, int size) {
        for (long a = base & 0xFFFFFFFFL; a < (base & 0xFFFFFFFFL) + size; a += 4096) {
            setRegion((int) (a >>> PAGE_SHIFT), null);
        }
        mappings++;
    }

    /** The device region at a physical address, or null for RAM (a debugger avoids MMIO reads). */
    public MemoryRegion regionAt(int addr) {
        return region((addr & a20Mask) >>> PAGE_SHIFT);
    }

    public boolean isRam(int addr) {
        return region((addr & a20Mask) >>> PAGE_SHIFT) == null;
    }

    public void setCodeWriteListener(CodeWriteListener l) {
        codeListener = l;
    }

    /** Marks a whole page as holding decoded code. Only RAM pages need it: nothing else is written as RAM. */
    public void markCode(int page) {
        markCodeLines(page, new long[] {-1L, -1L, -1L, -1L});
    }

    /** Marks 16-byte lines of a page (CODE_LINE_WORDS longs, see codeLines) as holding decoded code. */
    public void markCodeLines(int page, long[] lines) {
        if (page >= 0 && page < low.length) {
            for (int k = 0; k < CODE_LINE_WORDS; k++) {
                codeLines[page * CODE_LINE_WORDS + k] |= lines[k];
            }
        }
    }

    public void unmarkCode(int page) {
        if (page >= 0 && page < low.length) {
            for (int k = 0; k < CODE_LINE_WORDS; k++) {
                codeLines[page * CODE_LINE_WORDS + k] = 0;
            }
        }
    }

    /** Whether a write of a size within one page at {@code addr} touches a line of decoded code. */
    private boolean hitsCode(int page, int addr, int size) {
        int first = (addr & 0xFFF) >>> CODE_LINE_SHIFT;
        int last = (addr + size - 1 & 0xFFF) >>> CODE_LINE_SHIFT;
        int base = page * CODE_LINE_WORDS;
        // A long shift uses the count's low six bits: the line's bit within its word.
        return ((codeLines[base + (first >>> 6)] >>> first) & 1 | (codeLines[base + (last >>> 6)] >>> last) & 1) != 0;
    }

    public int read8(int addr) {
        addr &= a20Mask;
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r == null) {
            return ram[addr] & 0xFF;
        }
        return r.read(addr, 1) & 0xFF;
    }

    public int read16(int addr) {
        addr &= a20Mask;
        if ((addr & 0xFFF) == 0xFFF) {
            return read8(addr) | read8(addr + 1) << 8;
        }
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r == null) {
            return (short) LE16.get(ram, addr) & 0xFFFF;
        }
        return r.read(addr, 2) & 0xFFFF;
    }

    public int read32(int addr) {
        addr &= a20Mask;
        if ((addr & 0xFFF) > 0xFFC) {
            return read8(addr) | read8(addr + 1) << 8 | read8(addr + 2) << 16 | read8(addr + 3) << 24;
        }
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r == null) {
            return (int) LE32.get(ram, addr);
        }
        return r.read(addr, 4);
    }

    public void write8(int addr, int v) {
        addr &= a20Mask;
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r == null) {
            ram[addr] = (byte) v;
            if (hitsCode(p, addr, 1)) {
                codeListener.codeWritten(addr, 1);
            }
        } else {
            r.write(addr, 1, v & 0xFF);
        }
    }

    public void write16(int addr, int v) {
        addr &= a20Mask;
        if ((addr & 0xFFF) == 0xFFF) {
            write8(addr, v);
            write8(addr + 1, v >>> 8);
            return;
        }
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r == null) {
            LE16.set(ram, addr, (short) v);
            if (hitsCode(p, addr, 2)) {
                codeListener.codeWritten(addr, 2);
            }
        } else {
            r.write(addr, 2, v & 0xFFFF);
        }
    }

    public void write32(int addr, int v) {
        addr &= a20Mask;
        if ((addr & 0xFFF) > 0xFFC) {
            write8(addr, v);
            write8(addr + 1, v >>> 8);
            write8(addr + 2, v >>> 16);
            write8(addr + 3, v >>> 24);
            return;
        }
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r == null) {
            LE32.set(ram, addr, v);
            if (hitsCode(p, addr, 4)) {
                codeListener.codeWritten(addr, 4);
            }
        } else {
            r.write(addr, 4, v);
        }
    }

    /**
     * Writes {@code len} bytes at {@code addr}, all within one page, with the effect of as many
     * write8 calls (decoded code in the range is dropped), but as one array copy where the page
     * is plain RAM: the host kernel's message copies.
     */
    public void writeWithinPage(int addr, byte[] src, int off, int len) {
        addr &= a20Mask;
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = p < low.length ? low[p] : region(p);
        if (r != null || len <= 0 || (addr & 0xFFF) + len > 0x1000) {
            for (int i = 0; i < len; i++) {
                write8(addr + i, src[off + i]);
            }
            return;
        }
        System.arraycopy(src, off, ram, addr, len);
        if (hitsCodeRange(p, addr, len)) {
            codeListener.codeWritten(addr, len);
        }
    }

    /** Whether any 16-byte line of [addr, addr + len), within one page, holds decoded code. */
    private boolean hitsCodeRange(int page, int addr, int len) {
        int first = (addr & 0xFFF) >>> CODE_LINE_SHIFT;
        int last = ((addr & 0xFFF) + len - 1) >>> CODE_LINE_SHIFT;
        int base = page * CODE_LINE_WORDS;
        for (int w = first >>> 6; w <= last >>> 6; w++) {
            int lo = Math.max(first, w << 6) & 63;
            int hi = Math.min(last, (w << 6) + 63) & 63;
            if ((codeLines[base + w] & -1L << lo & -1L >>> 63 - hi) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Copies bytes into physical memory through the normal write path (loaders, DMA). */
    public void load(int addr, byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) {
            write8(addr + i, data[off + i]);
        }
    }
}
