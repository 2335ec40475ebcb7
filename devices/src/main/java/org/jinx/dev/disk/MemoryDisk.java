package org.jinx.dev.disk;

/** A disk held in a byte array, for tests and small images. */
public final class MemoryDisk implements BlockDevice {
    private final byte[] data;
    private final boolean readOnly;

    public MemoryDisk(byte[] data, boolean readOnly) {
        if (data.length % SECTOR != 0) {
            throw new IllegalArgumentException("disk image size is not a multiple of 512: " + data.length);
        }
        this.data = data;
        this.readOnly = readOnly;
    }

    public MemoryDisk(int sectors) {
        this(new byte[sectors * SECTOR], false);
    }

    public byte[] data() {
        return data;
    }

    @Override
    public long sectors() {
        return data.length / SECTOR;
    }

    @Override
    public void read(long lba, byte[] buf, int off) {
        System.arraycopy(data, (int) (lba * SECTOR), buf, off, SECTOR);
    }

    @Override
    public void write(long lba, byte[] buf, int off) {
        System.arraycopy(buf, off, data, (int) (lba * SECTOR), SECTOR);
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }
}
