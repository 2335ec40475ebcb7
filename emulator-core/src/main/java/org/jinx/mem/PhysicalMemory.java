package org.jinx.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The physical address space: RAM as one byte array, with 4 KiB pages that a device or ROM can
 * claim. A page whose region entry is null is plain RAM, so the fast path is one array load and
 * a null test. The A20 gate masks bit 20 of every address.
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    private static final int PAGES = 1 << 20;
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] ram;
    private final int ramSize;
    private final MemoryRegion[] regions = new MemoryRegion[PAGES];
    private int a20Mask = 0xFFFFFFFF;

    /** Pages that hold decoded code: a write there must invalidate the decode cache. */
    private final boolean[] codePage = new boolean[PAGES];
    private CodeWriteListener codeListener = page -> { };

    /** Told when a page that holds decoded instructions is written. */
    @FunctionalInterface
    public interface CodeWriteListener {
        void codeWritten(int page);
    }

    public PhysicalMemory(int ramBytes) {
        if (ramBytes <= 0 || (ramBytes & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + ramBytes);
        }
        this.ram = new byte[ramBytes];
        this.ramSize = ramBytes;
        Arrays.fill(regions, ramBytes >>> PAGE_SHIFT, PAGES, MemoryRegion.UNMAPPED);
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
            regions[(int) (a >>> PAGE_SHIFT)] = region;
        }
    }

    /** Returns [base, base+size) to RAM (or to nothing beyond the end of RAM). */
    public void unmap(int base, int size) {
        for (long a = base & 0xFFFFFFFFL; a < (base & 0xFFFFFFFFL) + size; a += 4096) {
            int p = (int) (a >>> PAGE_SHIFT);
            regions[p] = a < ramSize ? null : MemoryRegion.UNMAPPED;
        }
    }

    /** The device region at a physical address, or null for RAM (a debugger avoids MMIO reads). */
    public MemoryRegion regionAt(int addr) {
        return regions[(addr & a20Mask) >>> PAGE_SHIFT];
    }

    public boolean isRam(int addr) {
        return regions[(addr & a20Mask) >>> PAGE_SHIFT] == null;
    }

    public void setCodeWriteListener(CodeWriteListener l) {
        codeListener = l;
    }

    public void markCode(int page) {
        codePage[page] = true;
    }

    public void unmarkCode(int page) {
        codePage[page] = false;
    }

    public int read8(int addr) {
        addr &= a20Mask;
        MemoryRegion r = regions[addr >>> PAGE_SHIFT];
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
        MemoryRegion r = regions[addr >>> PAGE_SHIFT];
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
        MemoryRegion r = regions[addr >>> PAGE_SHIFT];
        if (r == null) {
            return (int) LE32.get(ram, addr);
        }
        return r.read(addr, 4);
    }

    public void write8(int addr, int v) {
        addr &= a20Mask;
        int p = addr >>> PAGE_SHIFT;
        MemoryRegion r = regions[p];
        if (r == null) {
            ram[addr] = (byte) v;
            if (codePage[p]) {
                codeListener.codeWritten(p);
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
        MemoryRegion r = regions[p];
        if (r == null) {
            LE16.set(ram, addr, (short) v);
            if (codePage[p]) {
                codeListener.codeWritten(p);
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
        MemoryRegion r = regions[p];
        if (r == null) {
            LE32.set(ram, addr, v);
            if (codePage[p]) {
                codeListener.codeWritten(p);
            }
        } else {
            r.write(addr, 4, v);
        }
    }

    /** Copies bytes into physical memory through the normal write path (loaders, DMA). */
    public void load(int addr, byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) {
            write8(addr + i, data[off + i]);
        }
    }
}
