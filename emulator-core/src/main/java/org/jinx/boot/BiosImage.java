package org.jinx.boot;

import java.nio.file.Path;
import org.jinx.mem.PhysicalMemory;
import org.jinx.mem.RomRegion;

/**
 * A system ROM in the place a PC puts it. The image ends at the top of the first megabyte
 * (0xF0000 for 64 KiB, 0xE0000 for 128 KiB) and is aliased just below 4 GiB, where the 386
 * fetches its first instruction after RESET: CS base 0xFFFF0000, EIP 0xFFF0, so physical
 * 0xFFFFFFF0 is the last 16 bytes of the image.
 */
public final class BiosImage {
    public static final int SIZE_64K = 64 * 1024;
    public static final int SIZE_128K = 128 * 1024;

    private final byte[] image;

    private BiosImage(byte[] image) {
        this.image = image;
    }

    /** Checks the size; {@code name} is used in the error message. */
    public static BiosImage of(byte[] image, String name) throws BootException {
        if (image.length != SIZE_64K && image.length != SIZE_128K) {
            throw new BootException(String.format(
                    "ROM image '%s' is %d bytes; a BIOS image must be exactly 65536 (64 KiB) or 131072 (128 KiB) bytes",
                    name, image.length));
        }
        return new BiosImage(image);
    }

    public static BiosImage load(Path file) throws BootException {
        return of(ImageFiles.read(file, "ROM image", SIZE_128K * 16L), file.toString());
    }

    public int size() {
        return image.length;
    }

    /** Physical address of the copy below 1 MiB. */
    public int lowBase() {
        return 0x100000 - image.length;
    }

    /** Physical address of the alias that ends at 4 GiB. */
    public int highBase() {
        return -image.length;
    }

    /** Maps the ROM read-only at both addresses; it shadows whatever RAM lies below 1 MiB. */
    public void install(PhysicalMemory mem) {
        mem.map(lowBase(), image.length, new RomRegion(image, lowBase()));
        mem.map(highBase(), image.length, new RomRegion(image, highBase()));
    }
}
