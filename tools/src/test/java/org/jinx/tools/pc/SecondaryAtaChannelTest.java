package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinx.bus.IoPortBus;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.display.Display;
import org.jinx.tools.cli.PcRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks given as {@code --hdc} and {@code --hdd} sit on the secondary ATA channel (170h-177h),
 * where a guest's own driver finds them: IDENTIFY reports each image's size, READ SECTORS returns
 * its bytes, and the primary channel stays empty.
 */
class SecondaryAtaChannelTest {
    @TempDir
    Path dir;

    private Path image(String name, int sectors, int markedSector, int marker) throws IOException {
        byte[] b = new byte[sectors * 512];
        b[markedSector * 512] = (byte) marker;
        b[markedSector * 512 + 511] = (byte) ~marker;
        return Files.write(dir.resolve(name), b);
    }

    private static PcRunner board(FileDisk hdc, FileDisk hdd) {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        return new PcRunner(new PcRunner.Settings(4 << 20, 33, PcPlatform.DebugPorts.NO_EXTRA_POST_PORT, 0, 0, false),
                new PcRunner.Devices(true, null, null, null, null, hdc, hdd, null, Display.NULL, false), quiet, quiet);
    }

    /** IDENTIFY DEVICE on the secondary channel's master (0xA0) or slave (0xB0): words 60-61. */
    private static long identifySectors(IoPortBus io, int drive) {
        io.out(0x176, 1, drive);
        io.out(0x177, 1, 0xEC);
        int[] w = new int[256];
        for (int i = 0; i < 256; i++) {
            w[i] = io.in(0x170, 2);
        }
        return (w[60] & 0xFFFFL) | (w[61] & 0xFFFFL) << 16;
    }

    /** READ SECTORS of one LBA sector; returns its first and last bytes. */
    private static int[] readSector(IoPortBus io, int drive, int lba) {
        io.out(0x176, 1, drive | 0x40 | lba >>> 24 & 0x0F);
        io.out(0x172, 1, 1);
        io.out(0x173, 1, lba & 0xFF);
        io.out(0x174, 1, lba >>> 8 & 0xFF);
        io.out(0x175, 1, lba >>> 16 & 0xFF);
        io.out(0x177, 1, 0x20);
        int first = 0;
        int last = 0;
        for (int i = 0; i < 256; i++) {
            int v = io.in(0x170, 2);
            if (i == 0) {
                first = v & 0xFF;
            }
            if (i == 255) {
                last = v >>> 8 & 0xFF;
            }
        }
        return new int[] {first, last};
    }

    @Test
    void masterAndSlaveAnswerOnTheSecondaryChannel() throws IOException {
        FileDisk c = FileDisk.open(image("c.img", 2048, 5, 0x5A), true, "--hdc");
        FileDisk d = FileDisk.open(image("d.img", 4096, 9, 0x3C), true, "--hdd");
        PcRunner pc = board(c, d);
        IoPortBus io = pc.machine.io;
        assertThat(identifySectors(io, 0xA0)).isEqualTo(2048);
        assertThat(identifySectors(io, 0xB0)).isEqualTo(4096);
        assertThat(readSector(io, 0xA0, 5)).containsExactly(0x5A, 0xA5);
        assertThat(readSector(io, 0xB0, 9)).containsExactly(0x3C, 0xC3);
        io.out(0x1F6, 1, 0xA0);
        assertThat(io.in(0x1F7, 1) & 0x40).as("no drive on the primary channel: DRDY clear").isZero();
    }
}
