package org.jinx.cpu.decode;

import org.jinx.mem.PhysicalMemory;

/**
 * Decoded instructions by physical address, one array per 4 KiB page and per default code size.
 * A page that holds cached code is marked in {@link PhysicalMemory}; any write to it drops the
 * whole page, which is how self-modifying code stays correct.
 */
public final class DecodeCache {
    private final PhysicalMemory mem;
    /** Per physical page: slot (offset * 2 + code32) to instruction; null when nothing is cached. */
    private final DecodedInsn[][] pages = new DecodedInsn[1 << 20][];
    public long invalidations;

    public DecodeCache(PhysicalMemory mem) {
        this.mem = mem;
        mem.setCodeWriteListener(this::invalidatePage);
    }

    public DecodedInsn lookup(int phys, boolean code32) {
        DecodedInsn[] page = pages[phys >>> 12];
        if (page == null) {
            return null;
        }
        return page[(phys & 0xFFF) << 1 | (code32 ? 1 : 0)];
    }

    public void store(int phys, boolean code32, DecodedInsn d) {
        int p = phys >>> 12;
        DecodedInsn[] page = pages[p];
        if (page == null) {
            page = new DecodedInsn[8192];
            pages[p] = page;
            mem.markCode(p);
        }
        page[(phys & 0xFFF) << 1 | (code32 ? 1 : 0)] = d;
    }

    public void invalidatePage(int page) {
        if (pages[page] != null) {
            pages[page] = null;
            mem.unmarkCode(page);
            invalidations++;
        }
    }

    public void clear() {
        for (int p = 0; p < pages.length; p++) {
            invalidatePage(p);
        }
    }
}
