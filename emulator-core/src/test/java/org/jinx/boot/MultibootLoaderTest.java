package org.jinx.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jinx.boot.TestImages.concat;
import static org.jinx.boot.TestImages.header;

import java.nio.charset.StandardCharsets;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.junit.jupiter.api.Test;

class MultibootLoaderTest {
    private static final int RAM = 32 << 20;

    private static Machine machine() {
        return new Machine(RAM, 33_000_000L);
    }

    /** A kernel at 1 MiB: the header, then code bytes, then 0x100 bytes of bss. */
    private static byte[] simpleKernel(byte[] code) {
        byte[] text = concat(header(MultibootHeader.MEMORY_INFO), code);
        return new TestImages.Elf().segment(0x100000, 0x100000, text, text.length + 0x100, 5).entry(0x10000C).build();
    }

    private static String cString(Machine m, int addr) {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = m.mem.read8(addr)) != 0; addr++) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    @Test
    void copiesFileBytesAndZeroesTheRestOfEachSegment() throws Exception {
        Machine m = machine();
        for (int a = 0x100000; a < 0x100200; a += 4) {
            m.mem.write32(a, 0xDEADBEEF);
        }
        byte[] code = {(byte) 0x90, (byte) 0x90, (byte) 0x90, (byte) 0xF4}; // 16 file bytes with the header
        MultibootLoader.load(m, simpleKernel(code), "k.elf", "");
        assertThat(m.mem.read32(0x100000)).isEqualTo(MultibootHeader.MAGIC);
        assertThat(m.mem.read8(0x10000C)).isEqualTo(0x90);
        assertThat(m.mem.read8(0x10000F)).isEqualTo(0xF4);
        assertThat(m.mem.read32(0x100010)).as("bss").isZero();
        assertThat(m.mem.read32(0x10010C)).as("last bss dword").isZero();
        assertThat(m.mem.read32(0x100110)).as("past memsz").isEqualTo(0xDEADBEEF);
    }

    @Test
    void cpuStartsAsMultibootSpecifies() throws Exception {
        Machine m = machine();
        m.mem.setA20(false);
        MultibootLoader.Loaded l = MultibootLoader.load(m, simpleKernel(new byte[] {(byte) 0xF4}), "k.elf", "");
        Cpu c = m.cpu;
        assertThat(c.reg[Cpu.EAX]).isEqualTo(0x2BADB002);
        assertThat(c.reg[Cpu.EBX]).isEqualTo(l.infoAddress());
        assertThat(c.eip).isEqualTo(0x10000C);
        assertThat(c.protectedMode()).isTrue();
        assertThat(c.pagingEnabled()).isFalse();
        assertThat(c.ifFlag()).isFalse();
        assertThat(c.v86()).isFalse();
        assertThat(c.cpl).isZero();
        assertThat(m.mem.a20()).isTrue();
        for (int s = 0; s < 6; s++) {
            assertThat(c.seg[s].base).as("base of segment %d", s).isZero();
            assertThat(c.seg[s].limit).as("limit of segment %d", s).isEqualTo(0xFFFFFFFF);
            assertThat(c.seg[s].big).as("D/B of segment %d", s).isTrue();
        }
        assertThat(c.seg[Cpu.CS].executable).isTrue();
        assertThat(c.seg[Cpu.DS].writable).isTrue();
        assertThat(c.seg[Cpu.SS].writable).isTrue();
    }

    @Test
    void infoStructureDescribesMemoryCommandLineAndLoader() throws Exception {
        Machine m = machine();
        MultibootLoader.Loaded l = MultibootLoader.load(m, simpleKernel(new byte[] {(byte) 0xF4}), "k.elf", "root=hd0 quiet");
        int info = l.infoAddress();
        int flags = m.mem.read32(info);
        assertThat(flags & 1).as("mem_lower/mem_upper valid").isEqualTo(1);
        assertThat(flags & 1 << 2).as("cmdline valid").isNotZero();
        assertThat(flags & 1 << 6).as("mmap valid").isNotZero();
        assertThat(flags & 1 << 9).as("boot_loader_name valid").isNotZero();
        assertThat(m.mem.read32(info + 4)).as("mem_lower").isEqualTo(639);
        assertThat(m.mem.read32(info + 8)).as("mem_upper").isEqualTo((RAM - 0x100000) / 1024);
        assertThat(cString(m, m.mem.read32(info + 16))).isEqualTo("root=hd0 quiet");
        assertThat(cString(m, m.mem.read32(info + 64))).isEqualTo("Jinx");

        int len = m.mem.read32(info + 44);
        int addr = m.mem.read32(info + 48);
        long available = 0;
        boolean highRegion = false;
        for (int e = addr; e < addr + len; e += m.mem.read32(e) + 4) {
            long base = m.mem.read32(e + 4) & 0xFFFFFFFFL;
            long length = m.mem.read32(e + 12) & 0xFFFFFFFFL;
            int type = m.mem.read32(e + 20);
            if (type == 1) {
                available += length;
                highRegion |= base == 0x100000 && length == RAM - 0x100000;
            }
        }
        assertThat(highRegion).as("RAM above 1 MiB is one available region").isTrue();
        assertThat(available).isEqualTo(0x9FC00 + RAM - 0x100000);
    }

    @Test
    void higherHalfEntryIsTranslatedToItsLoadAddress() throws Exception {
        byte[] text = concat(header(0), new byte[] {(byte) 0xF4});
        byte[] elf = new TestImages.Elf().segment(0xC0100000, 0x100000, text, text.length, 5).entry(0xC010000C).build();
        Machine m = machine();
        MultibootLoader.Loaded l = MultibootLoader.load(m, elf, "hh.elf", "");
        assertThat(l.entry()).isEqualTo(0x10000C);
        assertThat(m.mem.read8(0x10000C)).isEqualTo(0xF4);
    }

    @Test
    void headerWithLoadAddressesLoadsAFlatBinary() throws Exception {
        // header at file offset 0 = address 0x200000; 4 code bytes; bss up to 0x200100
        byte[] flat = concat(TestImages.kludgeHeader(0x200000, 0x200000, 0x200024, 0x200100, 0x200020),
                new byte[] {(byte) 0x90, (byte) 0x90, (byte) 0x90, (byte) 0xF4});
        Machine m = machine();
        m.mem.write32(0x200080, -1);
        MultibootLoader.Loaded l = MultibootLoader.load(m, flat, "flat.bin", "");
        assertThat(l.entry()).isEqualTo(0x200020);
        assertThat(m.mem.read8(0x200023)).isEqualTo(0xF4);
        assertThat(m.mem.read32(0x200080)).as("bss").isZero();
    }

    @Test
    void fileWithoutElfMagicOrHeaderIsRefused() {
        byte[] junk = "just some text, not a kernel".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MultibootLoader.load(machine(), junk, "notes.txt", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("notes.txt")
                .hasMessageContaining("not an ELF file");
    }

    @Test
    void elfWithoutMultibootHeaderIsRefused() {
        byte[] elf = new TestImages.Elf().segment(0x100000, 0x100000, new byte[64], 64, 5).entry(0x100000).build();
        assertThatThrownBy(() -> MultibootLoader.load(machine(), elf, "plain.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("no multiboot header");
    }

    @Test
    void sixtyFourBitElfIsRefused() {
        TestImages.Elf e = new TestImages.Elf().segment(0x100000, 0x100000, header(0), 12, 5);
        e.elfClass = 2;
        byte[] elf = e.build();
        assertThatThrownBy(() -> MultibootLoader.load(machine(), elf, "k64.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("64-bit");
    }

    @Test
    void elfForAnotherMachineIsRefused() {
        TestImages.Elf e = new TestImages.Elf().segment(0x100000, 0x100000, header(0), 12, 5);
        e.machine = 40; // ARM
        byte[] elf = e.build();
        assertThatThrownBy(() -> MultibootLoader.load(machine(), elf, "arm.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("not i386");
    }

    @Test
    void requiredFeatureJinxLacksIsRefused() {
        byte[] text = header(1 << 5);
        byte[] elf = new TestImages.Elf().segment(0x100000, 0x100000, text, 12, 5).entry(0x100000).build();
        assertThatThrownBy(() -> MultibootLoader.load(machine(), elf, "k.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("0x0020");
    }

    @Test
    void segmentBeyondRamIsRefusedWithoutTouchingMemory() {
        byte[] text = header(0);
        byte[] elf = new TestImages.Elf()
                .segment(0x100000, 0x100000, text, 12, 5)
                .segment(0x4000000, 0x4000000, new byte[4], 4, 6)
                .entry(0x100000).build();
        Machine m = machine();
        assertThatThrownBy(() -> MultibootLoader.load(m, elf, "big.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("--memory");
        assertThat(m.mem.read32(0x100000)).as("nothing loaded").isZero();
    }

    @Test
    void segmentOverTheInfoBlockIsRefused() {
        byte[] text = concat(header(0), new byte[0x100]);
        byte[] elf = new TestImages.Elf().segment(0x9000, 0x9000, text, text.length, 5).entry(0x9000).build();
        assertThatThrownBy(() -> MultibootLoader.load(machine(), elf, "low.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("multiboot information");
    }

    @Test
    void truncatedProgramHeaderTableIsRefused() {
        byte[] elf = new TestImages.Elf().segment(0x100000, 0x100000, header(0), 12, 5).entry(0x100000).build();
        byte[] cut = java.util.Arrays.copyOf(elf, 60);
        assertThatThrownBy(() -> MultibootLoader.load(machine(), cut, "cut.elf", ""))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("cut.elf");
    }
}
