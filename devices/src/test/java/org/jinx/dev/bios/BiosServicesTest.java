package org.jinx.dev.bios;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.Cpu;
import org.jinx.dev.disk.MemoryDisk;
import org.jinx.dev.kbd.Key;
import org.junit.jupiter.api.Test;

/** The built-in BIOS's services as a real-mode program calls them, after a real POST. */
class BiosServicesTest {
    @Test
    void postPointsTheServiceVectorsIntoTheRomAndLeavesProgramVectorsFree() {
        BiosHarness h = new BiosHarness();
        var mem = h.m.mem;
        assertThat(mem.read32(0x13 * 4)).isEqualTo(0xF000E3FE);
        assertThat(mem.read32(0x10 * 4)).isEqualTo(0xF000F065);
        assertThat(mem.read32(0x08 * 4)).isEqualTo(0xF000FEA5);
        assertThat(mem.read32(0x1C * 4)).as("user timer hook: a bare IRET").isEqualTo(0xF000FF53);
        assertThat(mem.read8(0xFFF53)).isEqualTo(0xCF);
        assertThat(mem.read32(0x60 * 4)).isZero();
        assertThat(mem.read16(0x400)).as("COM1").isEqualTo(0x3F8);
        assertThat(mem.read16(0x402)).as("COM2").isEqualTo(0x2F8);
        assertThat(mem.read8(0x449)).as("video mode").isEqualTo(3);
        assertThat(mem.read16(0x44A)).as("columns").isEqualTo(80);
        assertThat(mem.read8(0x484)).as("rows - 1").isEqualTo(24);
        assertThat(mem.read16(0x41A)).isEqualTo(mem.read16(0x41C)).as("empty key buffer").isEqualTo(0x1E);
    }

    @Test
    void int11And12ReportEquipmentAndConventionalMemory() {
        BiosHarness h = new BiosHarness();
        h.call(0x11);
        int eq = h.ax();
        assertThat(eq & 1).as("a diskette drive").isEqualTo(1);
        assertThat(eq >> 6 & 3).as("one of them").isZero();
        assertThat(eq >> 4 & 3).as("80x25 colour").isEqualTo(2);
        assertThat(eq >> 9 & 7).as("serial ports").isEqualTo(2);
        h.call(0x12);
        assertThat(h.ax()).isEqualTo(639);
        assertThat(h.m.mem.read16(0x40E)).as("EBDA segment").isEqualTo(639 * 64);
    }

    @Test
    void e820MapCoversRamAndMarksTheRomAndEbdaReserved() {
        BiosHarness h = new BiosHarness();
        long usable = 0;
        int ebx = 0;
        int entries = 0;
        boolean romReserved = false;
        do {
            h.es(0).regs(0xE820, ebx, 24, 0x534D4150);
            h.cpu.reg[Cpu.EDI] = 0x5000;
            h.call(0x15);
            assertThat(h.cf()).isFalse();
            assertThat(h.cpu.reg[Cpu.EAX]).isEqualTo(0x534D4150);
            assertThat(h.cpu.reg[Cpu.ECX]).isEqualTo(20);
            long base = h.m.mem.read32(0x5000) & 0xFFFFFFFFL | (long) h.m.mem.read32(0x5004) << 32;
            long len = h.m.mem.read32(0x5008) & 0xFFFFFFFFL | (long) h.m.mem.read32(0x500C) << 32;
            int type = h.m.mem.read32(0x5010);
            if (type == 1) {
                usable += len;
                assertThat(base + len <= 0x9FC00 || base >= 0x100000).as("usable memory avoids 9FC00-FFFFF").isTrue();
            }
            if (type == 2 && base <= 0xF0000 && base + len >= 0x100000) {
                romReserved = true;
            }
            ebx = h.cpu.reg[Cpu.EBX];
            entries++;
        } while (ebx != 0 && entries < 20);
        assertThat(ebx).isZero();
        assertThat(usable).isEqualTo(639 * 1024 + (16 << 20) - 0x100000);
        assertThat(romReserved).isTrue();
    }

    @Test
    void e801And88ReportExtendedMemory() {
        BiosHarness h = new BiosHarness();
        h.regs(0xE801, 0, 0, 0).call(0x15);
        assertThat(h.cf()).isFalse();
        assertThat(h.ax()).as("KiB from 1 to 16 MiB").isEqualTo(15 * 1024);
        assertThat(h.cpu.reg16(Cpu.EBX)).as("64 KiB blocks above 16 MiB").isZero();
        h.regs(0x8800, 0, 0, 0).call(0x15);
        assertThat(h.ax()).isEqualTo(15 * 1024);
        h.regs(0x5300, 0, 0, 0).call(0x15);
        assertThat(h.cf()).as("APM is not there").isTrue();
        assertThat(h.ah()).isEqualTo(0x86);
    }

    @Test
    void a20ServicesSwitchTheGate() {
        BiosHarness h = new BiosHarness();
        h.regs(0x2400, 0, 0, 0).call(0x15);
        assertThat(h.cf()).isFalse();
        assertThat(h.m.mem.a20()).isFalse();
        h.regs(0x2402, 0, 0, 0).call(0x15);
        assertThat(h.ax() & 0xFF).isZero();
        h.regs(0x2401, 0, 0, 0).call(0x15);
        assertThat(h.m.mem.a20()).isTrue();
        h.regs(0x2402, 0, 0, 0).call(0x15);
        assertThat(h.ax() & 0xFF).isEqualTo(1);
        h.regs(0x2403, 0, 0, 0).call(0x15);
        assertThat(h.cpu.reg16(Cpu.EBX)).isEqualTo(3);
    }

    @Test
    void timeOfDayComesFromTheDeterministicRtcAndTicksAdvanceAt18Point2Hertz() {
        BiosHarness h = new BiosHarness();
        h.regs(0x0400, 0, 0, 0).call(0x1A);
        assertThat(h.cpu.reg16(Cpu.ECX)).as("century 20, year 00").isEqualTo(0x2000);
        assertThat(h.cpu.reg16(Cpu.EDX)).as("January 1st").isEqualTo(0x0101);
        h.regs(0x0000, 0, 0, 0).call(0x1A);
        int before = h.cpu.reg16(Cpu.ECX) << 16 | h.cpu.reg16(Cpu.EDX);
        h.idle(2_000_000_000L);
        h.regs(0x0000, 0, 0, 0).call(0x1A);
        int after = h.cpu.reg16(Cpu.ECX) << 16 | h.cpu.reg16(Cpu.EDX);
        assertThat(after - before).as("1193182 / 65536 ticks a second for 2 s").isBetween(36, 37);
        h.regs(0x0200, 0, 0, 0).call(0x1A);
        assertThat(h.cpu.reg8(5)).as("hour").isZero();
        assertThat(h.cpu.reg8(6)).as("seconds, BCD").isBetween(0x02, 0x03);
    }

    @Test
    void keyboardInterruptFillsTheBufferThatInt16Reads() {
        BiosHarness h = new BiosHarness();
        h.regs(0x0100, 0, 0, 0).call(0x16);
        assertThat(h.zf()).as("no key yet").isTrue();
        var kbd = h.pc.kbc.keyboard();
        kbd.key(Key.A, true);
        kbd.key(Key.A, false);
        kbd.key(Key.LEFT_SHIFT, true);
        kbd.key(Key.D1, true);
        kbd.key(Key.D1, false);
        kbd.key(Key.LEFT_SHIFT, false);
        kbd.key(Key.UP, true);
        kbd.key(Key.UP, false);
        kbd.key(Key.ENTER, true);
        h.regs(0x0100, 0, 0, 0).call(0x16); // the IRQ 1 handler runs as soon as interrupts are on
        assertThat(h.zf()).isFalse();
        assertThat(h.ax()).isEqualTo(0x1E61);
        h.regs(0x0000, 0, 0, 0).call(0x16);
        assertThat(h.ax()).as("a").isEqualTo(0x1E61);
        h.regs(0x0000, 0, 0, 0).call(0x16);
        assertThat(h.ax()).as("shift-1").isEqualTo(0x0221);
        h.regs(0x1000, 0, 0, 0).call(0x16);
        assertThat(h.ax()).as("grey up arrow, enhanced").isEqualTo(0x48E0);
        h.regs(0x0000, 0, 0, 0).call(0x16);
        assertThat(h.ax()).as("enter").isEqualTo(0x1C0D);
        h.regs(0x0200, 0, 0, 0).call(0x16);
        assertThat(h.ax() & 0xFF).as("no shift key held").isZero();
    }

    @Test
    void int16WaitsForAKeyWithInterruptsOn() {
        BiosHarness h = new BiosHarness();
        h.m.scheduler.newTimer("typist", () -> h.pc.kbc.keyboard().key(Key.Z, true))
                .scheduleIn(BiosHarness.HZ / 10);
        long start = h.m.clock.cycles();
        h.regs(0x0000, 0, 0, 0).call(0x16);
        assertThat(h.ax()).isEqualTo(0x2C7A);
        assertThat(h.m.clock.cycles() - start).as("it waited for the key").isGreaterThanOrEqualTo(BiosHarness.HZ / 10);
    }

    @Test
    void int13ReadsDisketteSectorsByChsAndReportsGeometry() {
        MemoryDisk fd = BiosHarness.bootDiskette();
        // LBA of C/H/S 1/1/3 on a 1.44 MB diskette: (1 * 2 + 1) * 18 + 2 = 56
        fd.data()[56 * 512] = 0x42;
        fd.data()[57 * 512 + 511] = 0x43;
        BiosHarness h = new BiosHarness(fd, null);
        h.es(0x2000).regs(0x0202, 0x0010, 0x0103, 0x0100).call(0x13);
        assertThat(h.cf()).isFalse();
        assertThat(h.ax()).isEqualTo(0x0002);
        assertThat(h.m.mem.read8(0x20010)).isEqualTo(0x42);
        assertThat(h.m.mem.read8(0x20010 + 1023)).isEqualTo(0x43);
        h.regs(0x0201, 0x0010, 0x0000, 0x0000).call(0x13);
        assertThat(h.cf()).as("sector 0 does not exist").isTrue();
        assertThat(h.ah()).isEqualTo(0x04);
        h.regs(0x0100, 0, 0, 0).call(0x13);
        assertThat(h.ah()).as("the last status").isEqualTo(0x04);
        h.regs(0x0800, 0, 0, 0).call(0x13);
        assertThat(h.cf()).isFalse();
        assertThat(h.cpu.reg16(Cpu.ECX)).as("79 cylinders, 18 sectors").isEqualTo(0x4F12);
        assertThat(h.cpu.reg8(6)).as("heads - 1").isEqualTo(1);
        assertThat(h.cpu.reg8(3)).as("drive type 1.44 MB").isEqualTo(4);
        h.regs(0x0200 | 1, 0, 1, 0x81).call(0x13);
        assertThat(h.cf()).as("no drive 81h").isTrue();
    }

    @Test
    void int13LbaExtensionsOnAHardDisk() {
        MemoryDisk hd = new MemoryDisk(4096);
        hd.data()[3000 * 512] = 0x77;
        BiosHarness h = new BiosHarness(BiosHarness.bootDiskette(), hd);
        h.regs(0x4100, 0x55AA, 0, 0x80).call(0x13);
        assertThat(h.cf()).isFalse();
        assertThat(h.cpu.reg16(Cpu.EBX)).isEqualTo(0xAA55);
        assertThat(h.cpu.reg16(Cpu.ECX) & 1).isEqualTo(1);
        // disk address packet at 0000:5000: 1 sector from LBA 3000 to 3000:0000
        var mem = h.m.mem;
        mem.write16(0x5000, 0x0010);
        mem.write16(0x5002, 1);
        mem.write32(0x5004, 0x3000 << 16);
        mem.write32(0x5008, 3000);
        mem.write32(0x500C, 0);
        h.ds(0).regs(0x4200, 0, 0, 0x80);
        h.cpu.reg[Cpu.ESI] = 0x5000;
        h.call(0x13);
        assertThat(h.cf()).isFalse();
        assertThat(mem.read8(0x30000)).isEqualTo(0x77);
        // write it back one sector further, then read the parameters
        mem.write32(0x5008, 3001);
        h.ds(0).regs(0x4300, 0, 0, 0x80);
        h.cpu.reg[Cpu.ESI] = 0x5000;
        h.call(0x13);
        assertThat(hd.data()[3001 * 512]).isEqualTo((byte) 0x77);
        mem.write16(0x5100, 0x1E);
        h.ds(0).regs(0x4800, 0, 0, 0x80);
        h.cpu.reg[Cpu.ESI] = 0x5100;
        h.call(0x13);
        assertThat(mem.read32(0x5100 + 16)).as("total sectors").isEqualTo(4096);
        assertThat(mem.read16(0x5100 + 24)).isEqualTo(512);
        mem.write32(0x5008, 5000);
        h.ds(0).regs(0x4200, 0, 0, 0x80);
        h.cpu.reg[Cpu.ESI] = 0x5000;
        h.call(0x13);
        assertThat(h.cf()).as("beyond the end").isTrue();
        assertThat(mem.read16(0x5002)).as("nothing transferred").isZero();
    }

    @Test
    void teletypeWrapsAndScrollsAndMovesTheHardwareCursor() {
        BiosHarness h = new BiosHarness();
        h.regs(0x0003, 0, 0, 0).call(0x10); // mode 3 clears the screen
        for (int line = 0; line < 26; line++) {
            for (char c : ("line " + line + "\r\n").toCharArray()) {
                h.regs(0x0E00 | c, 0x0007, 0, 0).call(0x10);
            }
        }
        assertThat(h.pc.vga.textRow(0).strip()).isEqualTo("line 2");
        assertThat(h.pc.vga.textRow(23).strip()).isEqualTo("line 25");
        assertThat(h.pc.vga.textRow(24).strip()).isEmpty();
        h.regs(0x0300, 0, 0, 0).call(0x10);
        assertThat(h.cpu.reg16(Cpu.EDX)).as("row 24, column 0").isEqualTo(0x1800);
        assertThat(h.pc.vga.cursor()).isEqualTo(24 * 80);
        h.regs(0x0200, 0, 0, 0x0A05).call(0x10);
        h.regs(0x0941, 0x001E, 3, 0).call(0x10);
        assertThat(h.pc.vga.textRow(10).substring(5, 9)).isEqualTo("AAA ");
        assertThat(h.pc.vga.cell(10, 5) >> 8).isEqualTo(0x1E);
        assertThat(h.pc.vga.cursor()).isEqualTo(10 * 80 + 5);
    }

    @Test
    void mode13hIsSetAndReportedAndTeletypeDrawsPixels() {
        BiosHarness h = new BiosHarness();
        h.regs(0x0013, 0, 0, 0).call(0x10);
        assertThat(h.pc.vga.graphicsMode()).isTrue();
        h.regs(0x0F00, 0, 0, 0).call(0x10);
        assertThat(h.ax()).isEqualTo(0x2813);
        h.regs(0x0E00 | 'H', 0x000C, 0, 0).call(0x10);
        int lit = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int p = h.pc.vga.pixel(x, y);
                assertThat(p).isIn(0, 0x0C);
                lit += p == 0x0C ? 1 : 0;
            }
        }
        assertThat(lit).as("'H' drawn in colour 0Ch").isGreaterThan(10);
        h.regs(0x0003, 0, 0, 0).call(0x10);
        assertThat(h.pc.vga.graphicsMode()).isFalse();
        assertThat(h.pc.vga.textColumns()).isEqualTo(80);
    }

    @Test
    void trapPortWritesFromOutsideTheRomDoNothing() {
        BiosHarness h = new BiosHarness();
        int ticks = h.m.mem.read32(0x46C);
        h.m.mem.write8(0x0700, 0xE6); // out 0xEB, al
        h.m.mem.write8(0x0701, 0xEB);
        h.m.mem.write8(0x0702, 0xFA); // cli
        h.m.mem.write8(0x0703, 0xF4); // hlt
        h.cpu.seg[Cpu.CS].loadReal(0);
        h.cpu.eip = 0x0700;
        h.cpu.setEflags(0x0002);
        h.cpu.reg[Cpu.EAX] = 0x1234;
        h.m.run(100);
        assertThat(h.cpu.eip).isEqualTo(0x0704);
        assertThat(h.cpu.reg[Cpu.EAX]).isEqualTo(0x1234);
        assertThat(h.m.mem.read32(0x46C)).isEqualTo(ticks);
    }

    @Test
    void nothingToBootSaysWhyAndStopsTheCpu() {
        var m = new org.jinx.Machine(4 << 20, BiosHarness.HZ);
        var pc = new org.jinx.dev.PcPlatform(m, org.jinx.dev.PcPlatform.Options.deterministicRun());
        java.util.List<String> said = new java.util.ArrayList<>();
        new Bios(pc, BiosDrives.none(), said::add);
        assertThat(m.run(5_000_000)).isEqualTo(org.jinx.Machine.StopReason.HALTED_FOREVER);
        assertThat(said).containsExactly("No bootable disk: no --fda or --hda image was given");
        assertThat(pc.vga.textRow(0)).startsWith("No bootable disk");
    }
}
