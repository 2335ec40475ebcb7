package org.jinx.conformance;

import java.util.Arrays;

/** A growable byte array for assembling instructions. */
final class ByteList {
    private byte[] a = new byte[16];
    private int n;

    ByteList add(int b) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = (byte) b;
        return this;
    }

    ByteList add(byte[] b) {
        for (byte x : b) {
            add(x);
        }
        return this;
    }

    ByteList add(int... b) {
        for (int x : b) {
            add(x);
        }
        return this;
    }

    ByteList add(ByteList b) {
        for (int i = 0; i < b.n; i++) {
            add(b.a[i]);
        }
        return this;
    }

    /** {@code size} bytes of {@code v}, little-endian. */
    ByteList addLe(int v, int size) {
        for (int i = 0; i < size; i++) {
            add(v >>> (8 * i));
        }
        return this;
    }

    void clear() {
        n = 0;
    }

    int size() {
        return n;
    }

    byte[] toArray() {
        return Arrays.copyOf(a, n);
    }

    int[] toInts() {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[i] & 0xFF;
        }
        return r;
    }
}
