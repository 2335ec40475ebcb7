package org.jinx.mem;

/**
 * {@link GuestMemory} over the 386's two-level page tables in {@link PhysicalMemory}, with
 * {@code space} = CR3. The walk applies the user-mode rules of the 386: a page is reachable when
 * both the PDE and the PTE are present and have U/S set, and writable when both also have R/W
 * set (the 386 has no CR0.WP, but these are user accesses, so R/W always counts).
 *
 * <p>The walk never consults or fills a CPU's TLB. It sets the accessed bits of both entries
 * and, for a write, the PTE's dirty bit, exactly as the CPU would for the same user access, so
 * a guest memory manager sees kernel copies as ordinary references. Bytes move through
 * {@link PhysicalMemory}'s normal paths, so writes to code pages invalidate decoded code.
 */
public final class PagedGuestMemory implements GuestMemory {
    private static final int P = 0x01, RW = 0x02, US = 0x04, A = 0x20, D = 0x40;
    /** translate() result for a refused page: the reason, as a negative code. */
    private static final long NOT_PRESENT = -1, PROTECTION = -2;

    private final PhysicalMemory mem;

    public PagedGuestMemory(PhysicalMemory mem) {
        this.mem = mem;
    }

    @Override
    public Result copyIn(int cr3, int vaddr, byte[] dst, int off, int len) {
        GuestMemory.checkHostRange(dst, off, len);
        if (len > 0 && (vaddr & 0xFFF) + len <= 0x1000) {
            // Within one page (a message, mostly): the one walk both checks and marks.
            long pa = translate(cr3, vaddr, false, true);
            if (pa < 0) {
                return refused(pa);
            }
            readChunk((int) pa, dst, off, len);
            return Result.OK;
        }
        Result r = probe(cr3, vaddr, len, false);
        if (r != Result.OK) {
            return r;
        }
        int done = 0;
        while (done < len) {
            int lin = vaddr + done;
            int chunk = Math.min(len - done, 0x1000 - (lin & 0xFFF));
            readChunk((int) translate(cr3, lin, false, true), dst, off + done, chunk);
            done += chunk;
        }
        return Result.OK;
    }

    /** Reads {@code len} bytes within one physical page. */
    private void readChunk(int pa, byte[] dst, int off, int len) {
        if (mem.a20() && mem.isRam(pa)) {
            // Plain RAM (no device region): one array copy instead of a read per byte.
            System.arraycopy(mem.ram(), pa, dst, off, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst[off + i] = (byte) mem.read8(pa + i);
            }
        }
    }

    private static Result refused(long translation) {
        return translation == NOT_PRESENT ? Result.NOT_PRESENT : Result.PROTECTION;
    }

    @Override
    public Result copyOut(int cr3, int vaddr, byte[] src, int off, int len) {
        GuestMemory.checkHostRange(src, off, len);
        if (len > 0 && (vaddr & 0xFFF) + len <= 0x1000) {
            long pa = translate(cr3, vaddr, true, true);
            if (pa < 0) {
                return refused(pa);
            }
            mem.writeWithinPage((int) pa, src, off, len);
            return Result.OK;
        }
        Result r = probe(cr3, vaddr, len, true);
        if (r != Result.OK) {
            return r;
        }
        int done = 0;
        while (done < len) {
            int lin = vaddr + done;
            int chunk = Math.min(len - done, 0x1000 - (lin & 0xFFF));
            mem.writeWithinPage((int) translate(cr3, lin, true, true), src, off + done, chunk);
            done += chunk;
        }
        return Result.OK;
    }

    @Override
    public Result probe(int cr3, int vaddr, int len, boolean write) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (GuestMemory.wraps(vaddr, len)) {
            return Result.WRAP;
        }
        if (len == 0) {
            return Result.OK;
        }
        long first = (vaddr & 0xFFFFFFFFL) >>> 12;
        long last = ((vaddr & 0xFFFFFFFFL) + len - 1) >>> 12;
        for (long page = first; page <= last; page++) {
            long pa = translate(cr3, (int) (page << 12), write, false);
            if (pa == NOT_PRESENT) {
                return Result.NOT_PRESENT;
            }
            if (pa == PROTECTION) {
                return Result.PROTECTION;
            }
        }
        return Result.OK;
    }

    @Override
    public long read32(int cr3, int vaddr) {
        if ((vaddr & 0xFFF) <= 0xFFC) {
            long pa = translate(cr3, vaddr, false, true);
            if (pa < 0) {
                return FAULT;
            }
            if (mem.a20() && mem.isRam((int) pa)) {
                return mem.read32((int) pa) & 0xFFFFFFFFL;
            }
        } else if (probe(cr3, vaddr, 4, false) != Result.OK) {
            return FAULT;
        }
        // Across a page, or a device region: byte by byte, as copyIn reads them.
        int v = 0;
        for (int k = 0; k < 4; k++) {
            v |= mem.read8((int) translate(cr3, vaddr + k, false, true)) << 8 * k;
        }
        return v & 0xFFFFFFFFL;
    }

    @Override
    public Result write32(int cr3, int vaddr, int value) {
        if ((vaddr & 0xFFF) <= 0xFFC) {
            long pa = translate(cr3, vaddr, true, true);
            if (pa < 0) {
                return refused(pa);
            }
            if (mem.a20() && mem.isRam((int) pa)) {
                mem.write32((int) pa, value);
                return Result.OK;
            }
        } else {
            Result r = probe(cr3, vaddr, 4, true);
            if (r != Result.OK) {
                return r;
            }
        }
        for (int k = 0; k < 4; k++) {
            mem.write8((int) translate(cr3, vaddr + k, true, true), value >>> 8 * k);
        }
        return Result.OK;
    }

    /**
     * Walks the tables for one user access. Returns the physical address, or NOT_PRESENT /
     * PROTECTION. With {@code mark}, sets A (and D for a write) as the CPU would.
     */
    private long translate(int cr3, int lin, boolean write, boolean mark) {
        int pdeAddr = (cr3 & 0xFFFFF000) + (lin >>> 22 << 2);
        int pde = mem.read32(pdeAddr);
        if ((pde & P) == 0) {
            return NOT_PRESENT;
        }
        int pteAddr = (pde & 0xFFFFF000) + ((lin >>> 12 & 0x3FF) << 2);
        int pte = mem.read32(pteAddr);
        if ((pte & P) == 0) {
            return NOT_PRESENT;
        }
        int both = pde & pte;
        if ((both & US) == 0 || write && (both & RW) == 0) {
            return PROTECTION;
        }
        if (mark) {
            if ((pde & A) == 0) {
                mem.write32(pdeAddr, pde | A);
            }
            int newPte = pte | A | (write ? D : 0);
            if (newPte != pte) {
                mem.write32(pteAddr, newPte);
            }
        }
        return ((pte & 0xFFFFF000) | (lin & 0xFFF)) & 0xFFFFFFFFL;
    }
}
