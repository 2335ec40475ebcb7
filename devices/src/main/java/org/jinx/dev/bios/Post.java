package org.jinx.dev.bios;

import static org.jinx.dev.bios.BiosMemory.*;

import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;

/**
 * Power-on self test, or what of it a virtual board needs: the interrupt vector table, the BIOS
 * data area, the PICs, PIT counter 0, the RTC mode, the video mode, then INT 19h (in the ROM
 * stub) boots. A CPU reset with CMOS shutdown status 05h or 0Ah (a 286-style return from
 * protected mode) skips all that and jumps through 0040:0067.
 */
final class Post {
    private static final int SHUTDOWN_STATUS = 0x0F;

    private final Bios bios;
    private final IoPortBus io;

    Post(Bios bios) {
        this.bios = bios;
        this.io = bios.pc.machine.io;
    }

    void run(Cpu cpu) {
        int shutdown = cmos(SHUTDOWN_STATUS);
        if (shutdown == 0x05 || shutdown == 0x0A) {
            resume(cpu, shutdown);
            return;
        }
        cpu.seg[Cpu.SS].loadReal(0);
        cpu.reg[Cpu.ESP] = 0x7C00;
        cpu.seg[Cpu.DS].loadReal(0);
        cpu.seg[Cpu.ES].loadReal(0);
        vectors();
        dataArea();
        chips();
        bios.video.setMode(3, true);
        bios.time.loadTicksFromRtc();
    }

    /** Warm start through the pointer at 0040:0067, as the AT BIOS does for these shutdown codes. */
    private void resume(Cpu cpu, int shutdown) {
        setCmos(SHUTDOWN_STATUS, 0);
        if (shutdown == 0x05) {
            io.out(0x20, 1, 0x20); // the code that reset the CPU may have left an interrupt in service
        }
        int target = bios.mem.physical().read32(0x467);
        cpu.seg[Cpu.CS].loadReal(target >>> 16);
        cpu.nextEip = target & 0xFFFF;
    }

    private void vectors() {
        var m = bios.mem.physical();
        for (int v = 0; v < 256; v++) {
            m.write32(v * 4, Bios.romVector(BiosRom.IRET));
        }
        for (int v = 0x0A; v <= 0x0F; v++) {
            m.write32(v * 4, Bios.romVector(BiosRom.IRQ_MASTER_DEFAULT));
        }
        for (int v = 0x71; v <= 0x77; v++) {
            m.write32(v * 4, Bios.romVector(BiosRom.IRQ_SLAVE_DEFAULT));
        }
        int[][] owned = {
            {0x02, BiosRom.NMI}, {0x05, BiosRom.IRET + 1}, {0x08, BiosRom.INT08}, {0x09, BiosRom.INT09},
            {0x10, BiosRom.INT10}, {0x11, BiosRom.INT11}, {0x12, BiosRom.INT12}, {0x13, BiosRom.INT13},
            {0x14, BiosRom.INT14}, {0x15, BiosRom.INT15}, {0x16, BiosRom.INT16}, {0x18, BiosRom.INT18},
            {0x19, BiosRom.INT19}, {0x1A, BiosRom.INT1A}, {0x1E, BiosRom.DISKETTE_TABLE},
            {0x43, BiosRom.FONT_8X16}, {0x70, BiosRom.INT70},
        };
        for (int[] o : owned) {
            m.write32(o[0] * 4, Bios.romVector(o[1]));
        }
        // pointers to tables the BIOS does not have, and the vectors IBM left free for programs
        for (int v : new int[] {0x1D, 0x1F, 0x41, 0x46}) {
            m.write32(v * 4, 0);
        }
        for (int v = 0x60; v <= 0x67; v++) {
            m.write32(v * 4, 0);
        }
    }

    private void dataArea() {
        var m = bios.mem.physical();
        for (int a = BDA; a < BDA + 0x100; a += 4) {
            m.write32(a, 0);
        }
        var b = bios.mem;
        b.setBda16(COM_PORTS, 0x3F8);
        b.setBda16(COM_PORTS + 2, 0x2F8);
        // conventional memory ends below the 1 KiB extended BIOS data area, at most at 639 KiB
        int convKib = Math.min(640, m.ramSize() >> 10) - 1;
        b.setBda16(MEMORY_KIB, convKib);
        b.setBda16(EBDA_SEGMENT, convKib * 64);
        for (int a = convKib << 10; a < (convKib + 1) << 10; a += 4) {
            m.write32(a, 0);
        }
        m.write8(convKib << 10, 1); // EBDA size in KiB
        b.setBda16(EQUIPMENT, equipment());
        b.setBda16(KBD_HEAD, 0x1E);
        b.setBda16(KBD_TAIL, 0x1E);
        b.setBda16(KBD_START, 0x1E);
        b.setBda16(KBD_END, 0x3E);
        b.setBda8(KBD_FLAGS3, 0x10); // a 101/102-key keyboard is attached
        b.setBda8(HARD_DISKS, bios.drives.hardDiskCount());
    }

    /**
     * The equipment word (INT 11h): diskette drives (bit 0 and bits 7-6 = count - 1), initial
     * video mode 80×25 colour (bits 5-4 = 10), two serial ports (bits 11-9). No coprocessor,
     * no pointing device, no printers.
     */
    private int equipment() {
        int floppies = bios.drives.floppyCount();
        int w = 0x0020 | 2 << 9;
        if (floppies > 0) {
            w |= 0x0001 | (floppies - 1) << 6;
        }
        return w;
    }

    private void chips() {
        // 8259A pair: edge triggered, cascade on IR2, vectors 08h and 70h, 8086 mode
        io.out(0x20, 1, 0x11);
        io.out(0x21, 1, 0x08);
        io.out(0x21, 1, 0x04);
        io.out(0x21, 1, 0x01);
        io.out(0xA0, 1, 0x11);
        io.out(0xA1, 1, 0x70);
        io.out(0xA1, 1, 0x02);
        io.out(0xA1, 1, 0x01);
        io.out(0x21, 1, 0xF8); // timer, keyboard and the cascade
        io.out(0xA1, 1, 0xFF);
        // 8254 counter 0: mode 3, count 65536, the 18.2 Hz tick
        io.out(0x43, 1, 0x36);
        io.out(0x40, 1, 0x00);
        io.out(0x40, 1, 0x00);
        // RTC: 32.768 kHz time base, 1024 Hz rate; 24-hour BCD, no interrupts
        setCmos(0x0A, 0x26);
        setCmos(0x0B, 0x02);
    }

    int cmos(int index) {
        io.out(0x70, 1, index);
        return io.in(0x71, 1);
    }

    void setCmos(int index, int value) {
        io.out(0x70, 1, index);
        io.out(0x71, 1, value);
    }
}
