package org.jinx.mem;

/**
 * Checked copies between a host kernel and one guest address space, the way a kernel reaches
 * user memory (xv6 argptr/fetchstr, MINIX data_copy). Every access is a user-mode access: it
 * succeeds only where a ring-3 instruction could make the same access, so a guest cannot use
 * the kernel to read or write what it could not touch itself.
 *
 * <p>A failure is returned, never thrown: bad user pointers are normal input for a kernel.
 * Copies are all or nothing: the whole range is checked before the first byte moves, so a
 * failed copy leaves both the guest memory and the host buffer as they were.
 *
 * <p>{@code space} names the address space. For {@link PagedGuestMemory} it is the CR3 value
 * (the physical address of the page directory); other implementations define their own.
 * Exceptions are thrown only for host bugs: a negative length or a host range outside its array.
 */
public interface GuestMemory {
    /** Outcome of one access. */
    enum Result {
        OK,
        /** Some page of the range is not present (PDE or PTE with P clear, or no mapping). */
        NOT_PRESENT,
        /** A page is present but not user-accessible, or not writable for a write. */
        PROTECTION,
        /** The range runs past linear address 0xFFFFFFFF. */
        WRAP;

        public boolean ok() {
            return this == OK;
        }
    }

    /** Returned by {@link #read32} when the read fails. A successful read is never negative. */
    long FAULT = -1L;

    /** Copies {@code len} bytes at guest {@code vaddr} into {@code dst[off..off+len)}. */
    Result copyIn(int space, int vaddr, byte[] dst, int off, int len);

    /** Copies {@code src[off..off+len)} to guest {@code vaddr}. */
    Result copyOut(int space, int vaddr, byte[] src, int off, int len);

    /** Checks that the whole range is accessible (for writing, if {@code write}) without touching it. */
    Result probe(int space, int vaddr, int len, boolean write);

    /** Reads a little-endian 32-bit word: the value zero-extended, or {@link #FAULT}. */
    long read32(int space, int vaddr);

    /** Writes a little-endian 32-bit word. */
    Result write32(int space, int vaddr, int value);

    /** True when [vaddr, vaddr+len) runs past the top of the 32-bit linear space. */
    static boolean wraps(int vaddr, int len) {
        return (vaddr & 0xFFFFFFFFL) + len > 0x1_0000_0000L;
    }

    /** Rejects host-side mistakes, which are bugs rather than guest errors. */
    static void checkHostRange(byte[] buf, int off, int len) {
        if (len < 0 || off < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("host buffer range " + off + "+" + len + " of " + buf.length);
        }
    }
}
