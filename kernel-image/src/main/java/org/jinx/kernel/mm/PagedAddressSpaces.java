package org.jinx.kernel.mm;

import org.jinx.mem.PhysicalMemory;

/**
 * Address spaces as real i386 two-level page tables in guest physical memory, the same tables
 * the CPU's paging unit walks. A space is the physical address of its page directory. Page
 * directory entries are always user, writable and present; the page table entry alone decides
 * whether a page is writable (the 386 ANDs the two levels).
 *
 * <p>Every operation first counts the frames it needs, so it either completes or changes
 * nothing. Page contents move through {@link PhysicalMemory}'s normal write path, so code that
 * was decoded from a reused frame is invalidated.
 *
 * <p>A shared page (the kernel-info page) is one frame the kernel owns and maps read-only at the
 * same address in every space it creates. Its page table entries carry {@link #SHARED} in a bit
 * the 386 leaves to software: fork maps the same frame instead of copying it, unmap and destroy
 * drop the mapping without freeing the frame, and protect never makes it writable.
 */
public final class PagedAddressSpaces implements AddressSpaces {
    private static final int P = 0x01, RW = 0x02, US = 0x04;
    private static final int PDE_USER = P | RW | US;
    private static final int FRAME_MASK = 0xFFFFF000;
    /** PTE bit 9, one of the three the processor ignores: the frame is the kernel's, shared. */
    private static final int SHARED = 0x200;

    private final PhysicalMemory mem;
    private final FrameAllocator frames;
    private long epoch;
    private int sharedVaddr;
    private int sharedFrame = -1;

    public PagedAddressSpaces(PhysicalMemory mem, FrameAllocator frames) {
        this.mem = mem;
        this.frames = frames;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    /**
     * From now on every space {@link #create} makes maps {@code frame} read-only at user address
     * {@code vaddr}. The frame stays the caller's: no space ever frees it.
     */
    public void shareIntoEverySpace(int vaddr, int frame) {
        if ((vaddr & 0xFFF) != 0 || (frame & 0xFFF) != 0) {
            throw new IllegalArgumentException("shared page not page aligned");
        }
        sharedVaddr = vaddr;
        sharedFrame = frame;
    }

    @Override
    public int create() {
        int space = zeroedFrame();
        if (space == -1 || sharedFrame == -1) {
            return space;
        }
        if (frames.freeFrames() < 1) {
            frames.free(space);
            return -1;
        }
        mem.write32(pteAddress(space, sharedVaddr, true), sharedFrame | P | US | SHARED);
        return space;
    }

    @Override
    public boolean map(int space, int vaddr, int len, boolean writable) {
        if (!aligned(vaddr, len)) {
            return false;
        }
        int need = 0;
        int lastPde = -1;
        for (long a = vaddr & 0xFFFFFFFFL; a < end(vaddr, len); a += PAGE) {
            int pde = pde(space, (int) a);
            int dirIndex = (int) (a >>> 22);
            if ((pde & P) == 0) {
                if (dirIndex != lastPde) {
                    need++;           // a page table
                    lastPde = dirIndex;
                }
                need++;
            } else if ((pte(pde, (int) a) & P) == 0) {
                need++;
            }
        }
        if (need > frames.freeFrames()) {
            return false;
        }
        int flags = P | US | (writable ? RW : 0);
        for (long a = vaddr & 0xFFFFFFFFL; a < end(vaddr, len); a += PAGE) {
            int pteAddr = pteAddress(space, (int) a, true);
            if ((mem.read32(pteAddr) & P) == 0) {
                mem.write32(pteAddr, zeroedFrame() | flags);
            }
        }
        return true;
    }

    @Override
    public boolean unmap(int space, int vaddr, int len) {
        if (!aligned(vaddr, len)) {
            return false;
        }
        for (long a = vaddr & 0xFFFFFFFFL; a < end(vaddr, len); a += PAGE) {
            int pteAddr = pteAddress(space, (int) a, false);
            if (pteAddr != -1) {
                int pte = mem.read32(pteAddr);
                if ((pte & P) != 0) {
                    freeUnlessShared(pte);
                    mem.write32(pteAddr, 0);
                }
            }
        }
        epoch++;
        return true;
    }

    @Override
    public boolean protect(int space, int vaddr, int len, boolean writable) {
        if (!aligned(vaddr, len)) {
            return false;
        }
        for (long a = vaddr & 0xFFFFFFFFL; a < end(vaddr, len); a += PAGE) {
            int pteAddr = pteAddress(space, (int) a, false);
            if (pteAddr != -1) {
                int pte = mem.read32(pteAddr);
                if ((pte & P) != 0 && (pte & SHARED) == 0) {
                    mem.write32(pteAddr, writable ? pte | RW : pte & ~RW);
                }
            }
        }
        epoch++;
        return true;
    }

    @Override
    public int fork(int space) {
        int need = 1;
        for (int d = 0; d < 1024; d++) {
            int pde = mem.read32(space + d * 4);
            if ((pde & P) != 0) {
                need++;
                for (int t = 0; t < 1024; t++) {
                    if ((mem.read32((pde & FRAME_MASK) + t * 4) & (P | SHARED)) == P) {
                        need++;
                    }
                }
            }
        }
        if (need > frames.freeFrames()) {
            return -1;
        }
        int child = zeroedFrame();
        for (int d = 0; d < 1024; d++) {
            int pde = mem.read32(space + d * 4);
            if ((pde & P) == 0) {
                continue;
            }
            int table = zeroedFrame();
            mem.write32(child + d * 4, table | PDE_USER);
            for (int t = 0; t < 1024; t++) {
                int pte = mem.read32((pde & FRAME_MASK) + t * 4);
                if ((pte & (P | SHARED)) == (P | SHARED)) {
                    mem.write32(table + t * 4, pte);
                } else if ((pte & P) != 0) {
                    int copy = frames.alloc();
                    copyFrame(pte & FRAME_MASK, copy);
                    mem.write32(table + t * 4, copy | pte & (P | RW | US));
                }
            }
        }
        return child;
    }

    @Override
    public void destroy(int space) {
        for (int d = 0; d < 1024; d++) {
            int pde = mem.read32(space + d * 4);
            if ((pde & P) == 0) {
                continue;
            }
            for (int t = 0; t < 1024; t++) {
                int pte = mem.read32((pde & FRAME_MASK) + t * 4);
                if ((pte & P) != 0) {
                    freeUnlessShared(pte);
                }
            }
            frames.free(pde & FRAME_MASK);
        }
        frames.free(space);
        epoch++;
    }

    @Override
    public long translate(int space, int vaddr) {
        int pde = pde(space, vaddr);
        if ((pde & P) == 0) {
            return -1;
        }
        int pte = pte(pde, vaddr);
        if ((pte & (P | US)) != (P | US)) {
            return -1;
        }
        return ((pte & FRAME_MASK) | (vaddr & 0xFFF)) & 0xFFFFFFFFL;
    }

    @Override
    public int freePages() {
        return frames.freeFrames();
    }

    /** The number of user pages mapped in a space (for process dumps and tests). */
    public int mappedPages(int space) {
        int n = 0;
        for (int d = 0; d < 1024; d++) {
            int pde = mem.read32(space + d * 4);
            if ((pde & P) != 0) {
                for (int t = 0; t < 1024; t++) {
                    n += mem.read32((pde & FRAME_MASK) + t * 4) & P;
                }
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- helpers

    private int pde(int space, int vaddr) {
        return mem.read32(space + (vaddr >>> 22) * 4);
    }

    private int pte(int pde, int vaddr) {
        return mem.read32((pde & FRAME_MASK) + (vaddr >>> 12 & 0x3FF) * 4);
    }

    /** The address of vaddr's PTE; with {@code create}, a missing page table is made first. */
    private int pteAddress(int space, int vaddr, boolean create) {
        int pdeAddr = space + (vaddr >>> 22) * 4;
        int pde = mem.read32(pdeAddr);
        if ((pde & P) == 0) {
            if (!create) {
                return -1;
            }
            pde = zeroedFrame() | PDE_USER;
            mem.write32(pdeAddr, pde);
        }
        return (pde & FRAME_MASK) + (vaddr >>> 12 & 0x3FF) * 4;
    }

    private void freeUnlessShared(int pte) {
        if ((pte & SHARED) == 0) {
            frames.free(pte & FRAME_MASK);
        }
    }

    private int zeroedFrame() {
        int f = frames.alloc();
        if (f == -1) {
            return -1;
        }
        for (int i = 0; i < PAGE; i += 4) {
            mem.write32(f + i, 0);
        }
        return f;
    }

    private void copyFrame(int from, int to) {
        for (int i = 0; i < PAGE; i += 4) {
            mem.write32(to + i, mem.read32(from + i));
        }
    }

    private static boolean aligned(int vaddr, int len) {
        return (vaddr & 0xFFF) == 0 && len >= 0 && (len & 0xFFF) == 0
                && (vaddr & 0xFFFFFFFFL) + len <= 0x1_0000_0000L;
    }

    private static long end(int vaddr, int len) {
        return (vaddr & 0xFFFFFFFFL) + len;
    }

    @Override
    public boolean readPhysical(long addr, byte[] dst, int off, int len) {
        if (addr < 0 || addr + len > mem.ramSize()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            dst[off + i] = (byte) mem.read8((int) addr + i);
        }
        return true;
    }

    @Override
    public boolean writePhysical(long addr, byte[] src, int off, int len) {
        if (addr < 0 || addr + len > mem.ramSize()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            mem.write8((int) addr + i, src[off + i]); // the normal path: decoded code on the page is dropped
        }
        // The bytes may have been some space's page tables. The CPU keeps each space's TLB across
        // context switches, where a 386 would reload CR3 and see the change: drop them all.
        epoch++;
        return true;
    }
}
