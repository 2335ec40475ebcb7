package org.jinx.cpu.decode;

import org.jinx.mem.PhysicalMemory;

/**
 * Decoded instructions and pre-decoded blocks by physical address. The table is two-level (a
 * directory of 1024 entries, each a table of 1024 pages, made when first needed), so an unused
 * 4 GiB address space costs 4 KiB, and a page's arrays exist only once code there has run.
 *
 * <p>Self-modifying code: the 16-byte lines that decoded bytes cover are marked in
 * {@link PhysicalMemory}. A write to one of those lines drops the whole page (its instructions
 * and blocks); a write elsewhere in the page (data that shares a page with code, as small
 * programs' data often does) costs the write path one test.
 */
public final class DecodeCache {
    private static final int LEVEL_BITS = 10;
    private static final int LEVEL_MASK = (1 << LEVEL_BITS) - 1;

    private final PhysicalMemory mem;
    private final CodePage[][] directory = new CodePage[1 << LEVEL_BITS][];
    public long invalidations;
    /**
     * Set when a write drops a page, so that a block that is running stops after the current
     * instruction: what follows it may have been rewritten. The block runner clears it.
     */
    public boolean dropped;

    /** What one physical page of code holds. */
    private static final class CodePage {
        /** Slot (offset * 2 + code32) to instruction; made by the first single-stepped fetch. */
        DecodedInsn[] insns;
        /** Offset to the block that starts there; made by the first block. */
        Block[] blocks;
        /** The 16-byte lines of the page that decoded instructions cover (as in PhysicalMemory). */
        final long[] lines = new long[PhysicalMemory.CODE_LINE_WORDS];
    }

    public DecodeCache(PhysicalMemory mem) {
        this.mem = mem;
        mem.setCodeWriteListener(new PhysicalMemory.CodeWriteListener() {
            @Override
            public void codeWritten(int page) {
                invalidatePage(page);
            }

            @Override
            public void codeWritten(int addr, int size) {
                written(addr, size);
            }
        });
    }

    private CodePage page(int p) {
        CodePage[] table = directory[p >>> LEVEL_BITS];
        return table == null ? null : table[p & LEVEL_MASK];
    }

    private CodePage pageForStore(int p) {
        CodePage[] table = directory[p >>> LEVEL_BITS];
        if (table == null) {
            table = new CodePage[1 << LEVEL_BITS];
            directory[p >>> LEVEL_BITS] = table;
        }
        CodePage page = table[p & LEVEL_MASK];
        if (page == null) {
            page = new CodePage();
            table[p & LEVEL_MASK] = page;
        }
        return page;
    }

    /** Lines covering [offset, offset + length) of a page (length at least 1), added to {@code lines}. */
    private static long[] lineMask(int offset, int length) {
        long[] lines = new long[PhysicalMemory.CODE_LINE_WORDS];
        int last = Math.min(offset + length - 1, 0xFFF) >>> PhysicalMemory.CODE_LINE_SHIFT;
        for (int l = offset >>> PhysicalMemory.CODE_LINE_SHIFT; l <= last; l++) {
            lines[l >>> 6] |= 1L << l;
        }
        return lines;
    }

    private static boolean intersects(long[] a, long[] b) {
        for (int k = 0; k < a.length; k++) {
            if ((a[k] & b[k]) != 0) {
                return true;
            }
        }
        return false;
    }

    public DecodedInsn lookup(int phys, boolean code32) {
        CodePage page = page(phys >>> 12);
        if (page == null || page.insns == null) {
            return null;
        }
        return page.insns[(phys & 0xFFF) << 1 | (code32 ? 1 : 0)];
    }

    public void store(int phys, boolean code32, DecodedInsn d) {
        CodePage page = pageForStore(phys >>> 12);
        if (page.insns == null) {
            page.insns = new DecodedInsn[8192];
        }
        page.insns[(phys & 0xFFF) << 1 | (code32 ? 1 : 0)] = d;
        addLines(phys >>> 12, page, lineMask(phys & 0xFFF, d.length));
    }

    /** The block starting at {@code phys} for this code size, or null. */
    public Block block(int phys, boolean code32) {
        CodePage page = page(phys >>> 12);
        if (page == null || page.blocks == null) {
            return null;
        }
        Block b = page.blocks[phys & 0xFFF];
        return b != null && b.code32 == code32 ? b : null;
    }

    public void storeBlock(int phys, Block b) {
        CodePage page = pageForStore(phys >>> 12);
        if (page.blocks == null) {
            page.blocks = new Block[4096];
        }
        page.blocks[phys & 0xFFF] = b;
        addLines(phys >>> 12, page, lineMask(phys & 0xFFF, b.byteLength));
    }

    private void addLines(int p, CodePage page, long[] lines) {
        boolean added = false;
        for (int k = 0; k < lines.length; k++) {
            if ((page.lines[k] & lines[k]) != lines[k]) {
                page.lines[k] |= lines[k];
                added = true;
            }
        }
        if (added) {
            mem.markCodeLines(p, lines);
        }
    }

    /** A write of {@code size} bytes (within one page) that PhysicalMemory found on a line of code. */
    private void written(int addr, int size) {
        int p = addr >>> 12;
        CodePage page = page(p);
        if (page == null) {
            mem.unmarkCode(p); // marked by someone else (markCode); nothing cached here
        } else if (intersects(page.lines, lineMask(addr & 0xFFF, size))) {
            invalidatePage(p);
        }
    }

    public void invalidatePage(int p) {
        CodePage[] table = directory[p >>> LEVEL_BITS];
        if (table != null && table[p & LEVEL_MASK] != null) {
            Block[] blocks = table[p & LEVEL_MASK].blocks;
            if (blocks != null) {
                for (Block b : blocks) {
                    if (b != null) {
                        b.valid = false;
                    }
                }
            }
            table[p & LEVEL_MASK] = null;
            mem.unmarkCode(p);
            invalidations++;
            dropped = true;
        }
    }

    public void clear() {
        for (int t = 0; t < directory.length; t++) {
            if (directory[t] != null) {
                for (int i = 0; i <= LEVEL_MASK; i++) {
                    invalidatePage(t << LEVEL_BITS | i);
                }
                directory[t] = null;
            }
        }
    }
}
