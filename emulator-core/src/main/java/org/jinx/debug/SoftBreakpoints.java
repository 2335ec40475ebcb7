package org.jinx.debug;

import java.util.Arrays;

/**
 * Software breakpoints, kept outside guest memory (no 0xCC is ever written) and tested before
 * each instruction while the set is not empty. Each one is a linear address, either for every
 * address space ({@link #ANY_SPACE}, PC mode) or for one address space, named by the CR3 that
 * maps it (a hosted kernel's process): the same linear address in another space does not stop.
 *
 * <p>Stored as one sorted array of keys, address in the high half and space in the low half, so
 * the per-instruction test is two binary searches and allocates nothing.
 */
final class SoftBreakpoints {
    /** A bound on a hostile client's Z0 flood; gdb uses a handful. */
    static final int MAX = 65536;
    /** The space of a breakpoint that stops whatever page tables are loaded. Never a CR3: those are page aligned. */
    static final int ANY_SPACE = -1;

    private long[] keys = new long[16];
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    /** True if a breakpoint at {@code lin} applies while {@code cr3} is loaded. */
    boolean contains(int lin, int cr3) {
        return count != 0 && (Arrays.binarySearch(keys, 0, count, key(lin, ANY_SPACE)) >= 0
                || Arrays.binarySearch(keys, 0, count, key(lin, cr3)) >= 0);
    }

    boolean add(long addr, int space) {
        if (addr < 0 || addr > 0xFFFFFFFFL) {
            return false;
        }
        long k = key((int) addr, space);
        int i = Arrays.binarySearch(keys, 0, count, k);
        if (i >= 0) {
            return true;
        }
        if (count == MAX) {
            return false;
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
        }
        int at = -i - 1;
        System.arraycopy(keys, at, keys, at + 1, count - at);
        keys[at] = k;
        count++;
        return true;
    }

    boolean remove(long addr, int space) {
        if (addr < 0 || addr > 0xFFFFFFFFL) {
            return false;
        }
        int i = Arrays.binarySearch(keys, 0, count, key((int) addr, space));
        if (i < 0) {
            return false;
        }
        System.arraycopy(keys, i + 1, keys, i, count - i - 1);
        count--;
        return true;
    }

    void clear() {
        count = 0;
    }

    private static long key(int lin, int space) {
        return (long) lin << 32 | space & 0xFFFFFFFFL;
    }
}
