package org.jinx.debug;

import java.util.Arrays;

/**
 * Software breakpoints: a sorted set of linear addresses, kept outside guest memory (no 0xCC
 * is ever written), tested before each instruction while the set is not empty.
 */
final class SoftBreakpoints {
    /** A bound on a hostile client's Z0 flood; gdb uses a handful. */
    static final int MAX = 65536;

    private int[] addrs = new int[16];
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    boolean contains(int lin) {
        return count != 0 && Arrays.binarySearch(addrs, 0, count, lin) >= 0;
    }

    boolean add(long addr) {
        if (addr < 0 || addr > 0xFFFFFFFFL) {
            return false;
        }
        int i = Arrays.binarySearch(addrs, 0, count, (int) addr);
        if (i >= 0) {
            return true;
        }
        if (count == MAX) {
            return false;
        }
        if (count == addrs.length) {
            addrs = Arrays.copyOf(addrs, count * 2);
        }
        int at = -i - 1;
        System.arraycopy(addrs, at, addrs, at + 1, count - at);
        addrs[at] = (int) addr;
        count++;
        return true;
    }

    boolean remove(long addr) {
        if (addr < 0 || addr > 0xFFFFFFFFL) {
            return false;
        }
        int i = Arrays.binarySearch(addrs, 0, count, (int) addr);
        if (i < 0) {
            return false;
        }
        System.arraycopy(addrs, i + 1, addrs, i, count - i - 1);
        count--;
        return true;
    }

    void clear() {
        count = 0;
    }
}
