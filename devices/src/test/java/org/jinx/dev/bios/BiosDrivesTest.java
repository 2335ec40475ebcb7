package org.jinx.dev.bios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jinx.dev.disk.MemoryDisk;
import org.junit.jupiter.api.Test;

/** The CHS geometry INT 13h reports for each kind of image. */
class BiosDrivesTest {
    @Test
    void standardDisketteSizesGetTheirFormats() {
        int[][] cases = {{720, 40, 2, 9, 1}, {1440, 80, 2, 9, 3}, {2400, 80, 2, 15, 2}, {2880, 80, 2, 18, 4},
            {5760, 80, 2, 36, 5}};
        for (int[] c : cases) {
            BiosDrives.Drive d = BiosDrives.of(new MemoryDisk(c[0])).floppy();
            assertThat(new int[] {d.cylinders(), d.heads(), d.sectors(), d.floppyType()}).as("%d sectors", c[0])
                    .containsExactly(c[1], c[2], c[3], c[4]);
        }
    }

    @Test
    void aSmallDisketteImageTakesTheSmallestFormatThatHoldsIt() {
        BiosDrives.Drive d = BiosDrives.of(new MemoryDisk(4)).floppy();
        assertThat(d.sectors()).isEqualTo(8);
        assertThat(d.heads()).isEqualTo(1);
    }

    @Test
    void disketteLargerThan288MbIsRefused() {
        assertThatThrownBy(() -> BiosDrives.of(new MemoryDisk(5761))).hasMessageContaining("2.88 MB");
    }

    @Test
    void smallHardDisksUse16HeadsAnd63SectorsAndBigOnesTranslate() {
        BiosDrives small = BiosDrives.of(null, new MemoryDisk(16 * 63 * 100));
        assertThat(small.drive(0x80).heads()).isEqualTo(16);
        assertThat(small.drive(0x80).cylinders()).isEqualTo(100);
        BiosDrives big = BiosDrives.of(null, new MemoryDisk(2 * 1024 * 16 * 63));
        assertThat(big.drive(0x80).heads()).isEqualTo(32);
        assertThat(big.drive(0x80).cylinders()).isEqualTo(1024);
        assertThat(big.drive(0x81)).isNull();
        assertThat(big.drive(0x00)).isNull();
        assertThat(big.hardDiskCount()).isEqualTo(1);
    }

    @Test
    void hardDisksAreNumberedInOrderSkippingAbsentOnes() {
        BiosDrives d = BiosDrives.of(null, null, new MemoryDisk(64));
        assertThat(d.drive(0x80).disk().sectors()).isEqualTo(64);
    }
}
