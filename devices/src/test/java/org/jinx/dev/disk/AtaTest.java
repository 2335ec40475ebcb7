package org.jinx.dev.disk;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.dev.RecordingIrqLine;
import org.jinx.state.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The primary ATA channel at 0x1F0/0x3F6 with a 4 MiB master disk whose sectors are numbered. */
class AtaTest {
    private static final int SECTORS = 8192;

    private MemoryDisk disk;
    private RecordingIrqLine irq14;
    private Ata ata;

    @BeforeEach
    void setUp() {
        disk = new MemoryDisk(SECTORS);
        for (int s = 0; s < SECTORS; s++) {
            disk.data()[s * 512] = (byte) s;
            disk.data()[s * 512 + 1] = (byte) (s >> 8);
            disk.data()[s * 512 + 511] = (byte) 0xA5;
        }
        irq14 = new RecordingIrqLine();
        ata = new Ata("ide0", 0x1F0, irq14, disk, null);
    }

    private void out(int reg, int v) {
        ata.write(0x1F0 + reg, 1, v);
    }

    private int in(int reg) {
        return ata.read(0x1F0 + reg, 1);
    }

    private void lba28(long lba, int count) {
        out(2, count);
        out(3, (int) (lba & 0xFF));
        out(4, (int) (lba >> 8 & 0xFF));
        out(5, (int) (lba >> 16 & 0xFF));
        out(6, 0xE0 | (int) (lba >> 24 & 0x0F));
    }

    private int[] readWords(int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = ata.read(0x1F0, 2);
        }
        return w;
    }

    @Test
    void identifyReportsGeometryCapacityAndLba() {
        out(6, 0xA0);
        out(7, 0xEC);
        assertThat(irq14.high()).isTrue();
        assertThat(in(7) & 0x08).isEqualTo(0x08);
        assertThat(irq14.high()).as("reading status acknowledged INTRQ").isFalse();
        int[] id = readWords(256);
        assertThat(id[1] * id[3] * id[6]).isLessThanOrEqualTo(SECTORS);
        assertThat(id[3]).isEqualTo(16);
        assertThat(id[6]).isEqualTo(63);
        assertThat(id[49] & 0x0200).isEqualTo(0x0200);
        assertThat(id[60] | id[61] << 16).isEqualTo(SECTORS);
        assertThat((char) (id[27] >> 8)).isEqualTo('J');
        assertThat((char) (id[27] & 0xFF)).isEqualTo('i');
        assertThat(in(7) & 0x88).as("DRQ clear after 256 words").isZero();
    }

    @Test
    void readSectorsLba28DeliversEachSectorWithAnInterrupt() {
        lba28(0x123, 3);
        out(7, 0x20);
        for (int s = 0; s < 3; s++) {
            assertThat(irq14.high()).as("sector %d ready", s).isTrue();
            assertThat(in(7)).isEqualTo(0x58);
            int[] w = readWords(256);
            assertThat(w[0]).isEqualTo(0x123 + s);
            assertThat(w[255] >> 8).isEqualTo(0xA5);
        }
        assertThat(in(7)).isEqualTo(0x50);
        assertThat(in(3) | in(4) << 8 | in(5) << 16).as("task file holds the last sector").isEqualTo(0x125);
        assertThat(irq14.risingEdges()).isEqualTo(3);
    }

    @Test
    void readSectorsChsUsesTheLogicalGeometry() {
        // cylinder 2, head 3, sector 5 with 16 heads and 63 sectors: (2*16+3)*63+4 = 2209
        out(2, 1);
        out(3, 5);
        out(4, 2);
        out(5, 0);
        out(6, 0xA3);
        out(7, 0x20);
        assertThat(readWords(1)[0]).isEqualTo(2209);
    }

    @Test
    void initializeDeviceParametersChangesChsTranslation() {
        out(2, 32);
        out(6, 0xA7); // 8 heads
        out(7, 0x91);
        assertThat(in(7) & 0x01).isZero();
        out(2, 1);
        out(3, 1);
        out(4, 1);
        out(5, 0);
        out(6, 0xA0);
        out(7, 0x20);
        assertThat(readWords(1)[0]).as("cylinder 1 starts at 8*32").isEqualTo(256);
    }

    @Test
    void writeSectorsTakesDataThenInterruptsPerSector() {
        lba28(77, 2);
        out(7, 0x30);
        assertThat(in(7) & 0x08).as("DRQ for the first sector").isEqualTo(0x08);
        assertThat(irq14.high()).as("no interrupt before the first sector").isFalse();
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 256; i++) {
                ata.write(0x1F0, 2, 0xBE00 + s);
            }
            assertThat(irq14.high()).isTrue();
            in(7);
        }
        assertThat(in(7)).isEqualTo(0x50);
        assertThat(disk.data()[77 * 512] & 0xFF).isEqualTo(0x00);
        assertThat(disk.data()[77 * 512 + 1] & 0xFF).isEqualTo(0xBE);
        assertThat(disk.data()[78 * 512] & 0xFF).isEqualTo(0x01);
    }

    @Test
    void thirtyTwoBitDataReadsTakeTwoWords() {
        lba28(9, 1);
        out(7, 0x20);
        assertThat(ata.read(0x1F0, 4) & 0xFFFF).isEqualTo(9);
    }

    @Test
    void sectorCountZeroMeans256() {
        lba28(0, 0);
        out(7, 0x20);
        for (int s = 0; s < 256; s++) {
            readWords(256);
        }
        assertThat(in(7)).isEqualTo(0x50);
        assertThat(in(3)).isEqualTo(255);
    }

    @Test
    void addressBeyondTheDiskAbortsWithIdNotFound() {
        lba28(SECTORS - 1, 2);
        out(7, 0x20);
        assertThat(in(7) & 0x01).isEqualTo(0x01);
        assertThat(in(1)).isEqualTo(0x10);
        assertThat(irq14.risingEdges()).isEqualTo(1);
    }

    @Test
    void unknownCommandAborts() {
        out(7, 0xC8); // READ DMA: no DMA engine
        assertThat(in(7) & 0x01).isEqualTo(0x01);
        assertThat(in(1)).isEqualTo(0x04);
    }

    @Test
    void nIenMasksTheInterrupt() {
        ata.write(0x3F6, 1, 0x02);
        out(7, 0xEC);
        assertThat(irq14.high()).isFalse();
        ata.write(0x3F6, 1, 0x00);
        assertThat(irq14.high()).as("the pending interrupt shows once unmasked").isTrue();
    }

    @Test
    void alternateStatusDoesNotAcknowledge() {
        out(7, 0xEC);
        assertThat(ata.read(0x3F6, 1) & 0x08).isEqualTo(0x08);
        assertThat(irq14.high()).isTrue();
    }

    @Test
    void softwareResetLeavesTheAtaSignature() {
        lba28(100, 5);
        ata.write(0x3F6, 1, 0x04);
        ata.write(0x3F6, 1, 0x00);
        assertThat(in(2)).isEqualTo(1);
        assertThat(in(3)).isEqualTo(1);
        assertThat(in(4) | in(5)).isZero();
        assertThat(in(1)).isEqualTo(0x01);
        assertThat(in(7)).isEqualTo(0x50);
    }

    @Test
    void absentSlaveReadsZeroStatus() {
        out(6, 0xB0);
        assertThat(in(7)).isZero();
        out(7, 0xEC);
        assertThat(irq14.high()).isFalse();
    }

    @Test
    void readOnlyDiskRefusesWrites() {
        Ata ro = new Ata("ide0", 0x1F0, new RecordingIrqLine(), new MemoryDisk(new byte[512 * 4], true), null);
        ro.write(0x1F2, 1, 1);
        ro.write(0x1F6, 1, 0xE0);
        ro.write(0x1F7, 1, 0x30);
        assertThat(ro.read(0x1F7, 1) & 0x01).isEqualTo(0x01);
    }

    @Test
    void stateRoundTripResumesATransferMidSector() {
        lba28(40, 2);
        out(7, 0x20);
        readWords(100);
        Snapshot s = new Snapshot();
        s.save("ide0", ata);
        Ata copy = new Ata("ide0", 0x1F0, new RecordingIrqLine(), disk, null);
        Snapshot.decode(s.encode()).load("ide0", copy);
        copy.postLoad();
        assertThat(copy.dump()).isEqualTo(ata.dump());
        for (int i = 100; i < 256; i++) {
            copy.read(0x1F0, 2);
        }
        assertThat(copy.read(0x1F0, 2)).as("first word of the next sector").isEqualTo(41);
    }

    @Test
    void readMultipleDeliversBlocksOfTheChosenSizeWithOneInterruptEach() {
        out(2, 4);
        out(7, 0xC6); // set multiple mode: 4 sectors per block
        assertThat(in(7) & 0x01).isZero();
        lba28(100, 10);
        out(7, 0xC4);
        int[] blockSizes = {4, 4, 2};
        int sector = 100;
        for (int b = 0; b < blockSizes.length; b++) {
            assertThat(irq14.high()).as("block %d ready", b).isTrue();
            assertThat(in(7)).isEqualTo(0x58);
            assertThat(irq14.high()).isFalse();
            for (int s = 0; s < blockSizes[b]; s++) {
                int[] w = readWords(256);
                assertThat(w[0]).isEqualTo(sector++);
                if (s < blockSizes[b] - 1) {
                    assertThat(irq14.high()).as("no interrupt inside a block").isFalse();
                }
            }
        }
        assertThat(in(7) & 0x08).isZero();
        assertThat(in(3) | in(4) << 8).as("task file names the last sector").isEqualTo(109);
    }

    @Test
    void writeMultipleStoresEverySectorAndInterruptsPerBlock() {
        out(2, 8);
        out(7, 0xC6);
        lba28(20, 9);
        out(7, 0xC5);
        int edges = irq14.risingEdges();
        for (int s = 0; s < 9; s++) {
            for (int i = 0; i < 256; i++) {
                ata.write(0x1F0, 2, s == 0 && i == 0 ? 0xBEEF : 0x1100 + s);
            }
            if (irq14.high()) {
                in(7); // the driver acknowledges each block's interrupt
            }
        }
        assertThat(irq14.risingEdges() - edges).as("one per block of 8, one for the last").isEqualTo(2);
        assertThat(disk.data()[20 * 512] & 0xFF).isEqualTo(0xEF);
        assertThat(disk.data()[28 * 512] & 0xFF).isEqualTo(0x08);
        assertThat(in(7) & 0x09).isZero();
    }

    @Test
    void multipleCommandsAbortUntilSetMultipleModeAndBadBlockSizesAreRefused() {
        lba28(0, 1);
        out(7, 0xC4);
        assertThat(in(7) & 0x01).isEqualTo(0x01);
        assertThat(in(1)).isEqualTo(0x04);
        out(2, 3);
        out(7, 0xC6);
        assertThat(in(7) & 0x01).as("3 is not a power of two").isEqualTo(0x01);
        out(2, 32);
        out(7, 0xC6);
        assertThat(in(7) & 0x01).as("more than IDENTIFY word 47 allows").isEqualTo(0x01);
    }

    @Test
    void flushCacheReachesTheDisk() {
        int[] flushes = {0};
        MemoryDisk backing = new MemoryDisk(16);
        BlockDevice counting = new BlockDevice() {
            public long sectors() { return backing.sectors(); }
            public void read(long lba, byte[] buf, int off) { backing.read(lba, buf, off); }
            public void write(long lba, byte[] buf, int off) { backing.write(lba, buf, off); }
            public boolean readOnly() { return false; }
            public void flush() { flushes[0]++; }
        };
        Ata a = new Ata("ide0", 0x1F0, irq14, counting, null);
        a.write(0x1F6, 1, 0xE0);
        a.write(0x1F7, 1, 0xE7);
        assertThat(flushes[0]).isEqualTo(1);
        assertThat(a.read(0x1F7, 1) & 0x01).isZero();
        assertThat(irq14.high()).isFalse();
    }

    @Test
    void aDiskThatFailsToReadEndsTheCommandWithUnc() {
        BlockDevice broken = new BlockDevice() {
            public long sectors() { return 16; }
            public void read(long lba, byte[] buf, int off) { throw new java.io.UncheckedIOException(new java.io.IOException("gone")); }
            public void write(long lba, byte[] buf, int off) { }
            public boolean readOnly() { return false; }
        };
        Ata a = new Ata("ide0", 0x1F0, irq14, broken, null);
        a.write(0x1F2, 1, 1);
        a.write(0x1F3, 1, 5);
        a.write(0x1F6, 1, 0xE0);
        a.write(0x1F7, 1, 0x20);
        assertThat(a.read(0x1F7, 1) & 0x09).isEqualTo(0x01);
        assertThat(a.read(0x1F1, 1)).isEqualTo(0x40);
    }
}
