package org.jinx.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jinx.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

class BiosImageTest {
    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + (i >> 8));
        }
        return b;
    }

    @Test
    void image64KiBIsMappedBelowOneMegabyteAndBelowFourGigabytes() throws Exception {
        byte[] rom = pattern(64 * 1024);
        PhysicalMemory mem = new PhysicalMemory(4 << 20);
        BiosImage.of(rom, "rom.bin").install(mem);
        assertThat(mem.read8(0xF0000)).isEqualTo(rom[0] & 0xFF);
        assertThat(mem.read32(0xF1234)).isEqualTo(mem.read32(0xFFFF1234));
        assertThat(mem.read8(0xFFFFFFF0)).isEqualTo(rom[0xFFF0] & 0xFF);
        assertThat(mem.read8(0xFFFFF)).isEqualTo(rom[0xFFFF] & 0xFF);
    }

    @Test
    void image128KiBStartsAtE0000AndFFFE0000() throws Exception {
        byte[] rom = pattern(128 * 1024);
        PhysicalMemory mem = new PhysicalMemory(4 << 20);
        BiosImage.of(rom, "rom.bin").install(mem);
        assertThat(mem.read8(0xE0000)).isEqualTo(rom[0] & 0xFF);
        assertThat(mem.read8(0xFFFE0005)).isEqualTo(rom[5] & 0xFF);
        assertThat(mem.read8(0xFFFFFFF0)).isEqualTo(rom[0x1FFF0] & 0xFF);
        assertThat(mem.read8(0xDFFFF)).as("RAM just below the ROM").isZero();
    }

    @Test
    void romIgnoresWrites() throws Exception {
        byte[] rom = pattern(64 * 1024);
        PhysicalMemory mem = new PhysicalMemory(4 << 20);
        BiosImage.of(rom, "rom.bin").install(mem);
        int before = mem.read32(0xF0100);
        mem.write32(0xF0100, ~before);
        assertThat(mem.read32(0xF0100)).isEqualTo(before);
    }

    @Test
    void otherSizesAreRefusedNamingTheSize() {
        assertThatThrownBy(() -> BiosImage.of(new byte[1000], "odd.bin"))
                .isInstanceOf(BootException.class)
                .hasMessageContaining("odd.bin")
                .hasMessageContaining("1000 bytes")
                .hasMessageContaining("65536");
    }
}
