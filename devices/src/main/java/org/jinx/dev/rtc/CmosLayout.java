package org.jinx.dev.rtc;

/**
 * The CMOS bytes a PC BIOS and operating systems read for the machine's configuration, in the
 * layout of the IBM PC/AT and its successors. The board writes them once from its options, then
 * {@link #updateChecksum}.
 */
public final class CmosLayout {
    public static final int FLOPPY_TYPES = 0x10;
    public static final int DISK_TYPES = 0x12;
    public static final int EQUIPMENT = 0x14;
    public static final int BASE_MEMORY = 0x15;
    public static final int EXTENDED_MEMORY = 0x17;
    public static final int DISK0_EXTENDED_TYPE = 0x19;
    public static final int CHECKSUM = 0x2E;
    public static final int EXTENDED_MEMORY_POST = 0x30;
    public static final int MEMORY_ABOVE_16M = 0x34;

    /** Equipment byte bit 0: diskette drives present; bits 7-6: their number less one. */
    public static final int EQUIPMENT_FLOPPY = 0x01;
    /** Equipment byte bit 1: math coprocessor present. */
    public static final int EQUIPMENT_FPU = 0x02;

    private CmosLayout() {
    }

    private static void put16(Mc146818 rtc, int reg, long value) {
        int v = (int) Math.min(value, 0xFFFF);
        rtc.setCmos(reg, v & 0xFF);
        rtc.setCmos(reg + 1, v >> 8);
    }

    /**
     * Base memory in KiB (at most 640) at 0x15/0x16; memory from 1 MiB to 64 MiB in KiB at
     * 0x17/0x18 and again at 0x30/0x31 (as POST found it); memory above 16 MiB in 64 KiB blocks
     * at 0x34/0x35.
     */
    public static void setMemory(Mc146818 rtc, long ramBytes) {
        put16(rtc, BASE_MEMORY, Math.min(640, ramBytes / 1024));
        long ext = Math.max(0, ramBytes - (1L << 20)) / 1024;
        put16(rtc, EXTENDED_MEMORY, ext);
        put16(rtc, EXTENDED_MEMORY_POST, ext);
        put16(rtc, MEMORY_ABOVE_16M, Math.max(0, ramBytes - (16L << 20)) / 65536);
    }

    public static void setEquipment(Mc146818 rtc, int equipment) {
        rtc.setCmos(EQUIPMENT, equipment);
    }

    /** Diskette drive types (0 none, 4 = 1.44 MB) in the high and low nibbles of 0x10. */
    public static void setFloppyTypes(Mc146818 rtc, int driveA, int driveB) {
        rtc.setCmos(FLOPPY_TYPES, (driveA & 0xF) << 4 | (driveB & 0xF));
    }

    /**
     * Hard disk type for drive 0 or 1: types 1-14 fit the nibble at 0x12; 15 and above put 0xF
     * in the nibble and the type in 0x19 (drive 0) or 0x1A (drive 1). Type 0 means no drive.
     */
    public static void setHardDiskType(Mc146818 rtc, int drive, int type) {
        if (drive != 0 && drive != 1) {
            throw new IllegalArgumentException("hard disk drive must be 0 or 1: " + drive);
        }
        int nibble = type < 15 ? type : 0xF;
        int old = rtc.cmos(DISK_TYPES);
        rtc.setCmos(DISK_TYPES, drive == 0 ? (old & 0x0F) | nibble << 4 : (old & 0xF0) | nibble);
        rtc.setCmos(DISK0_EXTENDED_TYPE + drive, type < 15 ? 0 : type);
    }

    /** The sum of bytes 0x10-0x2D, high byte at 0x2E and low byte at 0x2F. */
    public static void updateChecksum(Mc146818 rtc) {
        int sum = sum(rtc);
        rtc.setCmos(CHECKSUM, sum >> 8 & 0xFF);
        rtc.setCmos(CHECKSUM + 1, sum & 0xFF);
    }

    private static int sum(Mc146818 rtc) {
        int sum = 0;
        for (int r = 0x10; r <= 0x2D; r++) {
            sum += rtc.cmos(r);
        }
        return sum;
    }
}
