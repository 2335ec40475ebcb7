package org.jinx.boot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads boot images from the host, turning every I/O failure into a one-line {@link BootException}. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Reads a whole file. {@code what} names it in messages ("kernel", "ROM image"); a file longer
     * than {@code maxBytes} is refused before it is read, so a wrong argument cannot exhaust memory.
     */
    public static byte[] read(Path file, String what, long maxBytes) throws BootException {
        String name = what + " '" + file + "'";
        try {
            if (Files.isDirectory(file)) {
                throw new BootException(name + " is a directory");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new BootException(String.format("%s is too large (%d bytes, at most %d)", name, size, maxBytes));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BootException(name + " does not exist");
        } catch (AccessDeniedException e) {
            throw new BootException(name + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new BootException(name + " cannot be read: " + e.getMessage());
        }
    }
}
