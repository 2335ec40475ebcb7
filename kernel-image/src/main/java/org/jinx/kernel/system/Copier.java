package org.jinx.kernel.system;

import java.util.Arrays;
import org.jinx.mem.GuestMemory;

/**
 * Copies between two address spaces through a page-sized bounce buffer (MINIX virtual_copy).
 * Both ranges are probed before the first byte moves, so a copy either completes or changes
 * nothing. Overlapping ranges in one space copy correctly in either direction.
 */
final class Copier {
    private final GuestMemory mem;
    private final byte[] buf = new byte[4096];

    Copier(GuestMemory mem) {
        this.mem = mem;
    }

    GuestMemory.Result copy(int srcSpace, int src, int dstSpace, int dst, int len) {
        GuestMemory.Result r = mem.probe(srcSpace, src, len, false);
        if (!r.ok()) {
            return r;
        }
        r = mem.probe(dstSpace, dst, len, true);
        if (!r.ok()) {
            return r;
        }
        boolean backwards = srcSpace == dstSpace && Integer.compareUnsigned(dst, src) > 0
                && Integer.compareUnsigned(dst, src + len) < 0;
        int done = 0;
        while (done < len) {
            int n = Math.min(buf.length, len - done);
            int at = backwards ? len - done - n : done;
            mem.copyIn(srcSpace, src + at, buf, 0, n);
            mem.copyOut(dstSpace, dst + at, buf, 0, n);
            done += n;
        }
        return GuestMemory.Result.OK;
    }

    /**
     * Writes {@code len} copies of the byte {@code value} at {@code dst} (MINIX vm_memset on a
     * virtual range). The range is probed for writing first, so it fills all or nothing.
     */
    GuestMemory.Result fill(int dstSpace, int dst, int value, int len) {
        GuestMemory.Result r = mem.probe(dstSpace, dst, len, true);
        if (!r.ok()) {
            return r;
        }
        Arrays.fill(buf, (byte) value);
        for (int done = 0; done < len; ) {
            int n = Math.min(buf.length, len - done);
            mem.copyOut(dstSpace, dst + done, buf, 0, n);
            done += n;
        }
        return GuestMemory.Result.OK;
    }
}
