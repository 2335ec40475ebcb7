package org.jinx.dev.disk;

/**
 * A disk's contents in 512-byte sectors. File-backed images live in tools; {@link MemoryDisk} here.
 * A backend that fails to read or write throws {@link java.io.UncheckedIOException}; the
 * controller turns that into an error status for the guest.
 */
public interface BlockDevice {
    int SECTOR = 512;

    long sectors();

    /** Copies sector {@code lba} into {@code buf[off..off+512)}. */
    void read(long lba, byte[] buf, int off);

    /** Copies {@code buf[off..off+512)} into sector {@code lba}. */
    void write(long lba, byte[] buf, int off);

    boolean readOnly();

    /** Makes every write so far durable (FLUSH CACHE). Memory-backed disks have nothing to do. */
    default void flush() {
    }
}
