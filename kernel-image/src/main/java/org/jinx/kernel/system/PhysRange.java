package org.jinx.kernel.system;

import org.jinx.kernel.mm.AddressSpaces;

/** Virtual to physical for the umap calls: a range that must be mapped and physically contiguous. */
final class PhysRange {
    private PhysRange() {
    }

    /**
     * The physical address of {@code addr} in {@code space} if every page of
     * [addr, addr+len) is mapped and each follows the one before it physically; else -1.
     */
    static long contiguous(AddressSpaces spaces, int space, int addr, int len) {
        long first = spaces.translate(space, addr);
        if (first == -1 || (addr & 0xFFFFFFFFL) + len > 0x1_0000_0000L) {
            return -1;
        }
        long page = (addr & 0xFFFFFFFFL) & ~0xFFFL;
        long end = (addr & 0xFFFFFFFFL) + len;
        for (long v = page + AddressSpaces.PAGE; v < end; v += AddressSpaces.PAGE) {
            if (spaces.translate(space, (int) v) != (first & ~0xFFFL) + (v - page)) {
                return -1;
            }
        }
        return first;
    }

    /**
     * How many bytes from {@code addr} on are physically contiguous, up to {@code len}: the
     * first page's remainder plus every following page that continues it. 0 if addr is unmapped.
     */
    static int contiguousPrefix(AddressSpaces spaces, int space, int addr, int len) {
        long first = spaces.translate(space, addr);
        if (first == -1) {
            return 0;
        }
        long a = addr & 0xFFFFFFFFL;
        long n = Math.min(len, AddressSpaces.PAGE - (a & 0xFFF));
        while (n < len && a + n < 0x1_0000_0000L && spaces.translate(space, (int) (a + n)) == first + n) {
            n = Math.min(len, n + AddressSpaces.PAGE);
        }
        return (int) n;
    }
}
