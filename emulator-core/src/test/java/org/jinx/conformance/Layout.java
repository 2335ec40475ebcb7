package org.jinx.conformance;

/**
 * Where a test case lives, in both worlds: the same linear addresses natively (hostrun.c maps
 * them) and in Jinx (identity-mapped pages). The data buffer is also the base of the data
 * segment that ES and FS hold, so an offset into the buffer is a valid ES/FS effective
 * address, and 16-bit addressing reaches it.
 */
final class Layout {
    /** The data buffer: {@link #DATA_SIZE} bytes of data, then the stack area. */
    static final int BUF = 0x00200000;
    static final int BUF_SIZE = 0x2000;
    /** Memory operands chosen by the generator land in [BUF, BUF + DATA_SIZE). */
    static final int DATA_SIZE = 0x1000;
    /** ESP stays within [ESP_MIN, ESP_MAX] between units so stack units always have room. */
    static final int ESP_MIN = BUF + 0x1100;
    static final int ESP_MAX = BUF + 0x1F00;
    static final int ESP_START = BUF + 0x1800;
    /** Where the sequence runs; it ends at CODE + length. */
    static final int CODE = 0x00300000;
    static final int CODE_SIZE = 0x1000;
    static final int MAX_CODE = CODE_SIZE - 16;
    /** The ES/FS selector (GDT TLS entry 12, RPL 3). The sequences never read it. */
    static final int BUF_SELECTOR = 0x63;
    /** Linux's flat user selectors. */
    static final int USER_CS = 0x23;
    static final int USER_DS = 0x2B;

    private Layout() {
    }

    /**
     * The buffer's initial contents for a seed: xorshift32 words, one in 16 zero and one in 16
     * all ones (hostrun.c computes the same).
     */
    static byte[] fill(int seed) {
        byte[] b = new byte[BUF_SIZE];
        int x = seed ^ 0x9E3779B9;
        if (x == 0) {
            x = 1;
        }
        for (int i = 0; i < BUF_SIZE; i += 4) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            int top = x >>> 28;
            int w = top == 0 ? 0 : top == 1 ? -1 : x;
            b[i] = (byte) w;
            b[i + 1] = (byte) (w >>> 8);
            b[i + 2] = (byte) (w >>> 16);
            b[i + 3] = (byte) (w >>> 24);
        }
        return b;
    }
}
