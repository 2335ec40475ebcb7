package org.jinx.conformance;

import java.util.SplittableRandom;

/** The generator's source of choices, with the biases that find bugs: edge values, small values, zero. */
final class Rng {
    private static final int[] EDGES = {0, 1, 2, -1, -2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFF80, 0xFFFF8000, 0x0F, 0x10, 0x09, 0x0A, 0x99, 0x9A};

    private final SplittableRandom r;

    Rng(long seed) {
        r = new SplittableRandom(seed);
    }

    int below(int n) {
        return r.nextInt(n);
    }

    /** Uniform in [lo, hi]. */
    int range(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    int bits32() {
        return r.nextInt();
    }

    long bits64() {
        return r.nextLong();
    }

    int pick(int... options) {
        return options[r.nextInt(options.length)];
    }

    <T> T pick(T[] options) {
        return options[r.nextInt(options.length)];
    }

    /** A 32-bit value: edges, small signed values, values with few bits set, or uniform. */
    int value() {
        switch (r.nextInt(6)) {
            case 0:
                return EDGES[r.nextInt(EDGES.length)];
            case 1:
                return r.nextInt(33) - 16;
            case 2:
                return 1 << r.nextInt(32) ^ (r.nextBoolean() ? 0 : 1 << r.nextInt(32));
            case 3: {
                int v = r.nextInt();
                return r.nextBoolean() ? v & 0xFF : v & 0xFFFF;
            }
            case 4:
                return r.nextInt() | 0x80000000 >> r.nextInt(8);
            default:
                return r.nextInt();
        }
    }

    /** An immediate of {@code size} bytes (sign doesn't matter: the encoder takes the low bytes). */
    int imm(int size) {
        int v = value();
        return size == 1 ? v & 0xFF : size == 2 ? v & 0xFFFF : v;
    }
}
