package org.jinx.mem;

/** Read-only memory: writes are ignored, as a ROM chip ignores them. */
public final class RomRegion implements MemoryRegion {
    private final byte[] image;
    private final int base;
    private final int mask;

    /** {@code image.length} must be a power of two; the image repeats over the mapped window. */
    public RomRegion(byte[] image, int base) {
        if (Integer.bitCount(image.length) != 1) {
            throw new IllegalArgumentException("ROM size must be a power of two: " + image.length);
        }
        this.image = image;
        this.base = base;
        this.mask = image.length - 1;
    }

    @Override
    public int read(int addr, int size) {
        int o = (addr - base) & mask;
        int v = image[o] & 0xFF;
        if (size >= 2) {
            v |= (image[(o + 1) & mask] & 0xFF) << 8;
        }
        if (size == 4) {
            v |= (image[(o + 2) & mask] & 0xFF) << 16 | (image[(o + 3) & mask] & 0xFF) << 24;
        }
        return v;
    }

    @Override
    public void write(int addr, int size, int value) {
    }
}
