package org.jinx.dev.bios;

import java.nio.charset.StandardCharsets;
import org.jinx.dev.vga.VgaFont;

/**
 * The built-in BIOS's ROM image: 64 KiB for F000:0000-F000:FFFF, generated here byte by byte.
 * It holds no BIOS logic, only the entry points guests and the IVT point at, the tables a
 * BIOS publishes (configuration table, diskette parameters, the 8×16 font) and the reset jump.
 *
 * <p>Each service entry is a <em>trap site</em>: an {@code OUT 0xEB, AL} that Java answers
 * while the instruction executes (see {@link Bios}), followed by a few instructions of glue.
 * The common glue is the wait loop: when a service must wait (INT 16h with no key, INT 15h
 * AH=86h) Java sets the live CF and the stub halts with interrupts on until the next
 * interrupt, then traps again:
 *
 * <pre>
 *   site:  out 0xEB, al      E6 EB
 *          jc  wait          72 01
 *          iret              CF
 *   wait:  sti               FB
 *          hlt               F4
 *          jmp site          EB F7
 * </pre>
 *
 * Entry points sit at the offsets IBM's AT BIOS used, since some programs call them directly.
 */
final class BiosRom {
    static final int BASE = 0xF0000;
    static final int SIZE = 0x10000;

    /** The I/O port the trap sites write. Writes from anywhere else are ignored. */
    static final int TRAP_PORT = 0xEB;

    // entry points (offsets in segment F000)
    static final int POST = 0xE05B;
    static final int NMI = 0xE2C3;
    static final int INT13 = 0xE3FE;
    static final int INT19 = 0xE6F2;
    static final int CONFIG_TABLE = 0xE6F5;
    static final int INT14 = 0xE739;
    static final int INT16 = 0xE82E;
    static final int INT09 = 0xE987;
    static final int DISKETTE_TABLE = 0xEFC7;
    static final int INT10 = 0xF065;
    static final int INT12 = 0xF841;
    static final int INT11 = 0xF84D;
    static final int INT15 = 0xF859;
    static final int INT1A = 0xFE6E;
    static final int INT08 = 0xFEA5;
    static final int IRET = 0xFF53;
    static final int RESET = 0xFFF0;

    // entries with no traditional address, in free space
    static final int IRQ_MASTER_DEFAULT = 0xE100;
    static final int IRQ_SLAVE_DEFAULT = 0xE110;
    static final int INT70 = 0xE120;
    static final int INT18 = 0xE140;
    static final int INT19_BODY = 0xE150;
    static final int FONT_8X16 = 0xA000;

    /** The ROM offset of each trap site's OUT instruction and the service it calls. */
    enum Site {
        POST(BiosRom.POST), IRQ0(INT08), IRQ1(INT09), VIDEO(INT10), EQUIPMENT(INT11), MEMORY(INT12),
        DISK(INT13), SERIAL(INT14), SYSTEM(INT15), KEYBOARD(INT16), NO_BOOT(INT18), BOOT(INT19_BODY), TIME(INT1A);

        final int offset;

        Site(int offset) {
            this.offset = offset;
        }
    }

    private final byte[] rom = new byte[SIZE];

    private BiosRom() {
    }

    static byte[] build() {
        BiosRom r = new BiosRom();
        r.fill();
        return r.rom;
    }

    private void fill() {
        java.util.Arrays.fill(rom, (byte) 0xFF);
        // POST: the service sets up the machine, then INT 19h loads the boot sector.
        put(POST, 0xE6, TRAP_PORT, // out 0xEB, al
                0xFB, // sti
                0xCD, 0x19, // int 19h (does not return)
                0xFA, 0xF4, 0xEB, 0xFD); // cli; hlt; jmp $-1
        put(NMI, 0xCF);
        waitingStub(INT13);
        put(INT19, 0xE9, rel16(INT19 + 3, INT19_BODY)); // jmp near INT19_BODY
        put(INT19_BODY, 0xE6, TRAP_PORT, // out: Java reads the boot sector, sets DL, SS:SP, DS, ES
                0x72, 0x06, // jc fail
                0xFB, // sti
                0xEA, 0x00, 0x7C, 0x00, 0x00, // jmp far 0000:7C00
                0xCD, 0x18, // fail: int 18h
                0xFA, 0xF4, 0xEB, 0xFD); // cli; hlt; jmp $-1
        put(INT18, 0xE6, TRAP_PORT, // out: Java reports that nothing could be booted
                0xFA, 0xF4, 0xEB, 0xFD); // cli; hlt; jmp $-1
        // INT 15h AH=C0h: 8 bytes follow the length word. Model FC (AT), submodel 01,
        // revision 0; feature byte 1: second 8259 (bit 6), RTC (bit 5), EBDA allocated (bit 2).
        put(CONFIG_TABLE, 0x08, 0x00, 0xFC, 0x01, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00);
        waitingStub(INT14);
        waitingStub(INT16);
        put(INT09, 0xE6, TRAP_PORT, 0xCF); // Java reads port 0x60, queues the key and sends EOI
        // diskette parameter table (INT 1Eh) for a 1.44 MB drive: step rate/head unload, head
        // load/DMA, motor off delay, 512-byte sectors, 18 sectors per track, gap, data length,
        // format gap, fill byte, head settle, motor start
        put(DISKETTE_TABLE, 0xDF, 0x02, 0x25, 0x02, 0x12, 0x1B, 0xFF, 0x6C, 0xF6, 0x0F, 0x08);
        waitingStub(INT10);
        waitingStub(INT12);
        waitingStub(INT11);
        waitingStub(INT15);
        waitingStub(INT1A);
        put(INT08, 0xE6, TRAP_PORT, // out: Java counts the tick at 0040:006C
                0xCD, 0x1C, // int 1Ch: the user timer hook
                0x50, 0xB0, 0x20, 0xE6, 0x20, 0x58, // push ax; mov al, 20h; out 20h, al; pop ax
                0xCF); // iret
        put(IRQ_MASTER_DEFAULT, 0x50, 0xB0, 0x20, 0xE6, 0x20, 0x58, 0xCF);
        put(IRQ_SLAVE_DEFAULT, 0x50, 0xB0, 0x20, 0xE6, 0xA0, 0xE6, 0x20, 0x58, 0xCF);
        // RTC (IRQ 8): reading register C acknowledges the interrupt inside the chip
        put(INT70, 0x50, 0xB0, 0x0C, 0xE6, 0x70, 0xE4, 0x71, // push ax; mov al, 0Ch; out 70h, al; in al, 71h
                0xB0, 0x20, 0xE6, 0xA0, 0xE6, 0x20, 0x58, 0xCF);
        put(IRET, 0xCF);
        put(IRET + 1, 0xCF); // INT 05h (print screen) lands here too
        System.arraycopy(VgaFont.table(), 0, rom, FONT_8X16, 256 * VgaFont.HEIGHT);
        put(RESET, 0xEA, POST & 0xFF, POST >> 8, 0x00, 0xF0); // jmp far F000:E05B
        byte[] date = "01/01/25".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(date, 0, rom, 0xFFF5, date.length);
        rom[0xFFFE] = (byte) 0xFC; // model byte: AT
    }

    private void waitingStub(int at) {
        put(at, 0xE6, TRAP_PORT, 0x72, 0x01, 0xCF, 0xFB, 0xF4, 0xEB, 0xF7);
    }

    private static int[] rel16(int next, int target) {
        int d = target - next;
        return new int[] {d & 0xFF, d >> 8 & 0xFF};
    }

    private void put(int at, Object... parts) {
        int p = at;
        for (Object o : parts) {
            if (o instanceof int[] a) {
                for (int v : a) {
                    rom[p++] = (byte) v;
                }
            } else {
                rom[p++] = (byte) (int) (Integer) o;
            }
        }
    }
}
