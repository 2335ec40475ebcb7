package org.jinx.kernel.mm;

/**
 * The kernel's memory manager: it makes, copies and tears down process address spaces. A space
 * is named by the same int {@link org.jinx.mem.GuestMemory} takes (CR3 for paged memory), so a
 * process's saved CR3 is both what the CPU loads and what kernel copies use.
 *
 * <p>Only user pages are ever mapped; the kernel itself lives outside guest memory. Every
 * method reports failure (no memory, a bad range) by its result and never throws for guest
 * input.
 */
public interface AddressSpaces {
    int PAGE = 4096;

    /** A memory manager with no memory, for kernels tested without one: everything fails. */
    AddressSpaces NONE = new AddressSpaces() {
        @Override
        public int create() {
            return -1;
        }

        @Override
        public boolean map(int space, int vaddr, int len, boolean writable) {
            return false;
        }

        @Override
        public boolean unmap(int space, int vaddr, int len) {
            return false;
        }

        @Override
        public boolean protect(int space, int vaddr, int len, boolean writable) {
            return false;
        }

        @Override
        public int fork(int space) {
            return -1;
        }

        @Override
        public void destroy(int space) {
        }

        @Override
        public long translate(int space, int vaddr) {
            return -1;
        }

        @Override
        public int freePages() {
            return 0;
        }
    };

    /** A new, empty address space, or -1 when memory is exhausted. */
    int create();

    /**
     * Maps zero-filled user pages over the page-aligned range [vaddr, vaddr+len) that are not
     * mapped yet; pages already there are left as they are. False (and nothing changed) when
     * memory runs out or the range wraps.
     */
    boolean map(int space, int vaddr, int len, boolean writable);

    /** Unmaps and frees every page of the range. False if the range is not page aligned or wraps. */
    boolean unmap(int space, int vaddr, int len);

    /** Makes the mapped pages of the range read-only or writable. */
    boolean protect(int space, int vaddr, int len, boolean writable);

    /** A copy of {@code space} with every page duplicated, or -1 when memory is exhausted. */
    int fork(int space);

    /** Frees every page, every page table and the directory of a space. */
    void destroy(int space);

    /** The physical address of user-mapped {@code vaddr}, or -1 if it is not mapped. */
    long translate(int space, int vaddr);

    /** Pages of memory still free. */
    int freePages();

    /**
     * Changes whenever a mapping is removed or narrowed, so that whoever caches translations
     * (the CPU's TLB) knows to drop them. Adding a page needs no flush: absent pages are not cached.
     */
    default long epoch() {
        return 0;
    }

    /**
     * Copies {@code len} bytes of physical memory at {@code addr} into {@code dst[off..]}, for the
     * kernel calls that work on physical addresses (SYS_PHYSCOPY, SYS_MEMSET, SYS_READBIOS).
     * False, and nothing copied, if any byte lies outside the machine's memory.
     */
    default boolean readPhysical(long addr, byte[] dst, int off, int len) {
        return false;
    }

    /** Like {@link #readPhysical}, the other way. */
    default boolean writePhysical(long addr, byte[] src, int off, int len) {
        return false;
    }
}
