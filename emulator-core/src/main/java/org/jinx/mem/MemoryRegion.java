package org.jinx.mem;

/**
 * A device's memory-mapped window, mapped at page granularity. {@code addr} is the full
 * physical address; {@code size} is 1, 2 or 4.
 */
public interface MemoryRegion {
    int read(int addr, int size);

    void write(int addr, int size, int value);

    /** Nothing mapped: reads float high, writes vanish. */
    MemoryRegion UNMAPPED = new MemoryRegion() {
        @Override
        public int read(int addr, int size) {
            return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        }

        @Override
        public void write(int addr, int size, int value) {
        }
    };
}
