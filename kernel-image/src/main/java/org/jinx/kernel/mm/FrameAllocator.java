package org.jinx.kernel.mm;

import java.util.BitSet;

/**
 * The free list of 4 KiB physical frames the kernel hands out for page tables and process
 * memory. Frames below {@code first} (the BIOS area, the VGA window) are never used. Allocation
 * takes the lowest free frame, so the layout of a run depends only on what was asked, in order:
 * a deterministic run lays memory out the same way every time.
 */
public final class FrameAllocator {
    public static final int FRAME = 4096;

    private final int firstFrame;
    private final int endFrame;
    /** Bit i set: frame firstFrame + i is in use. */
    private final BitSet used;
    private int searchFrom;

    /** Frames in [first, end), both page aligned, end at most the top of RAM. */
    public FrameAllocator(int first, int end) {
        if ((first & 0xFFF) != 0 || (end & 0xFFF) != 0 || Integer.compareUnsigned(first, end) >= 0) {
            throw new IllegalArgumentException("frame range " + Integer.toHexString(first) + "-" + Integer.toHexString(end));
        }
        firstFrame = first >>> 12;
        endFrame = end >>> 12;
        used = new BitSet(endFrame - firstFrame);
    }

    /** The physical address of a free frame, now in use, or -1 when memory is exhausted. */
    public int alloc() {
        int i = used.nextClearBit(searchFrom);
        if (i >= endFrame - firstFrame) {
            return -1;
        }
        used.set(i);
        searchFrom = i + 1;
        return firstFrame + i << 12;
    }

    public void free(int frame) {
        int i = (frame >>> 12) - firstFrame;
        if ((frame & 0xFFF) != 0 || i < 0 || i >= endFrame - firstFrame || !used.get(i)) {
            throw new IllegalStateException("freeing frame " + Integer.toHexString(frame) + ", which is not allocated");
        }
        used.clear(i);
        searchFrom = Math.min(searchFrom, i);
    }

    public int freeFrames() {
        return endFrame - firstFrame - used.cardinality();
    }

    public int totalFrames() {
        return endFrame - firstFrame;
    }
}
