package org.jinx.tools.pc;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.jinx.dev.disk.BlockDevice;

/**
 * A raw disk image file. Without a snapshot, writes go to the file at once and are forced to
 * the storage device on {@link #flush} (the guest's FLUSH CACHE) and on {@link #close}. With a
 * snapshot, every written sector is kept in memory and the file is opened read-only, so it is
 * byte for byte what it was when the run ends.
 */
public final class FileDisk implements BlockDevice, Closeable {
    private final Path path;
    private final FileChannel channel;
    private final long sectors;
    private final Map<Long, byte[]> overlay;

    private FileDisk(Path path, FileChannel channel, long sectors, boolean snapshot) {
        this.path = path;
        this.channel = channel;
        this.sectors = sectors;
        this.overlay = snapshot ? new HashMap<>() : null;
    }

    /**
     * Opens {@code path}; {@code what} names the option in messages ("--hda"). Refuses a
     * missing, unreadable or unwritable file, a directory, and a size that is not a whole
     * number of 512-byte sectors, each with a one-line message.
     */
    public static FileDisk open(Path path, boolean snapshot, String what) {
        if (Files.isDirectory(path)) {
            throw new DiskImageException(what + ": '" + path + "' is a directory, not a disk image");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new DiskImageException(what + ": no such file: '" + path + "'");
        } catch (IOException e) {
            throw new DiskImageException(what + ": cannot read '" + path + "': " + e.getMessage());
        }
        if (size == 0 || size % SECTOR != 0) {
            throw new DiskImageException(String.format(
                    "%s: '%s' is %d bytes, which is not a whole number of 512-byte sectors", what, path, size));
        }
        FileChannel ch;
        try {
            ch = snapshot ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new DiskImageException(what + ": '" + path + "' cannot be opened for "
                    + (snapshot ? "reading" : "writing (use --snapshot to keep writes in memory)"));
        } catch (IOException e) {
            throw new DiskImageException(what + ": cannot open '" + path + "': " + e.getMessage());
        }
        return new FileDisk(path, ch, size / SECTOR, snapshot);
    }

    /** A disk image that cannot be used, with the one-line reason. */
    public static final class DiskImageException extends RuntimeException {
        public DiskImageException(String message) {
            super(message, null, false, false);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long lba, byte[] buf, int off) {
        if (overlay != null) {
            byte[] s = overlay.get(lba);
            if (s != null) {
                System.arraycopy(s, 0, buf, off, SECTOR);
                return;
            }
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, SECTOR);
        try {
            long pos = lba * SECTOR;
            while (b.hasRemaining()) {
                if (channel.read(b, pos + b.position() - off) < 0) {
                    throw new IOException("the image ended before sector " + lba);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(long lba, byte[] buf, int off) {
        if (overlay != null) {
            byte[] s = new byte[SECTOR];
            System.arraycopy(buf, off, s, 0, SECTOR);
            overlay.put(lba, s);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, SECTOR);
        try {
            long pos = lba * SECTOR;
            while (b.hasRemaining()) {
                channel.write(b, pos + b.position() - off);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public void flush() {
        if (overlay != null) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Flushes (without a snapshot) and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            if (overlay == null && channel.isOpen()) {
                channel.force(false);
            }
        } finally {
            channel.close();
        }
    }
}
