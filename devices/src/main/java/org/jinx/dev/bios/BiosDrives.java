package org.jinx.dev.bios;

import java.util.ArrayList;
import java.util.List;
import org.jinx.dev.disk.BlockDevice;

/**
 * The drives INT 13h serves, by BIOS drive number: diskette A as 0x00, hard disks as 0x80 and
 * 0x81. Each has the CHS geometry the BIOS reports. Diskettes get the standard format their
 * size fits; hard disks up to 504 MiB get 16 heads and 63 sectors per track (the geometry the
 * ATA disk reports too), larger ones the usual translation with more heads, at most 1024
 * cylinders.
 */
public final class BiosDrives {
    /** One drive: its image and geometry. {@code floppyType} is the CMOS drive type, 0 for a hard disk. */
    public record Drive(int number, BlockDevice disk, int cylinders, int heads, int sectors, int floppyType) {
        public boolean floppy() {
            return number < 0x80;
        }

        /** Sectors reachable through CHS. */
        long chsSectors() {
            return (long) cylinders * heads * sectors;
        }
    }

    /** A diskette format: total sectors, geometry and CMOS drive type. */
    private record Format(int total, int cylinders, int heads, int sectors, int type) {
    }

    private static final Format[] FLOPPY_FORMATS = {
        new Format(320, 40, 1, 8, 1), new Format(360, 40, 1, 9, 1), new Format(640, 40, 2, 8, 1),
        new Format(720, 40, 2, 9, 1), new Format(1440, 80, 2, 9, 3), new Format(2400, 80, 2, 15, 2),
        new Format(2880, 80, 2, 18, 4), new Format(5760, 80, 2, 36, 5),
    };

    /** The largest diskette image: 2.88 MB. */
    public static final long MAX_FLOPPY_BYTES = 5760L * BlockDevice.SECTOR;

    private final Drive floppy;
    private final Drive[] hardDisks;

    private BiosDrives(Drive floppy, Drive[] hardDisks) {
        this.floppy = floppy;
        this.hardDisks = hardDisks;
    }

    public static BiosDrives none() {
        return new BiosDrives(null, new Drive[0]);
    }

    /**
     * The drives of a machine: a diskette image for drive A (or null) and the hard disks in
     * order (nulls are skipped). A diskette image larger than 2.88 MB is refused.
     */
    public static BiosDrives of(BlockDevice floppyA, BlockDevice... hard) {
        Drive f = null;
        if (floppyA != null) {
            Format fmt = floppyFormat(floppyA.sectors());
            if (fmt == null) {
                throw new IllegalArgumentException(String.format(
                        "a diskette image holds at most 2.88 MB (%d bytes), this one has %d bytes",
                        MAX_FLOPPY_BYTES, floppyA.sectors() * BlockDevice.SECTOR));
            }
            f = new Drive(0x00, floppyA, fmt.cylinders, fmt.heads, fmt.sectors, fmt.type);
        }
        List<Drive> hd = new ArrayList<>();
        for (BlockDevice d : hard) {
            if (d != null) {
                hd.add(hardDisk(0x80 + hd.size(), d));
            }
        }
        return new BiosDrives(f, hd.toArray(new Drive[0]));
    }

    /** The smallest standard diskette format the image fits in, or null when none is big enough. */
    private static Format floppyFormat(long sectors) {
        for (Format f : FLOPPY_FORMATS) {
            if (sectors <= f.total) {
                return f;
            }
        }
        return null;
    }

    private static Drive hardDisk(int number, BlockDevice d) {
        long n = d.sectors();
        int heads = 16;
        while (heads < 255 && n > 1024L * heads * 63) {
            heads = heads == 128 ? 255 : heads * 2;
        }
        int cylinders = (int) Math.max(1, Math.min(1024, n / ((long) heads * 63)));
        return new Drive(number, d, cylinders, heads, 63, 0);
    }

    /** The drive with BIOS number {@code dl}, or null. */
    public Drive drive(int dl) {
        if (dl == 0x00) {
            return floppy;
        }
        int i = dl - 0x80;
        return i >= 0 && i < hardDisks.length ? hardDisks[i] : null;
    }

    public Drive floppy() {
        return floppy;
    }

    public int hardDiskCount() {
        return hardDisks.length;
    }

    public int floppyCount() {
        return floppy == null ? 0 : 1;
    }
}
