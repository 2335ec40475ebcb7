package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jinx.tools.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest (ata_write.S) writes sectors 5 and 6 through the ATA controller and flushes: after
 * the run the image file holds them; with --snapshot the file is byte for byte what it was.
 */
class AtaWriteTest {
    @TempDir
    Path dir;

    private static int jinx(String... args) {
        java.io.PrintStream sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        return Main.run(args, sink, sink, null);
    }

    private static byte[] expectedSector(int n) {
        byte[] s = new byte[512];
        byte[] tag = ("JINX ATA WRITE" + n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, s, 0, tag.length);
        for (int i = 0; i < 497; i++) {
            s[15 + i] = (byte) (n + i);
        }
        return s;
    }

    @Test
    void writtenSectorsReachTheImageFile() throws Exception {
        Path hda = PcGuests.image(dir, "hd.img", PcGuests.bootBinary("ata_write"), 64 * 1024);
        byte[] before = Files.readAllBytes(hda);
        assertThat(jinx("pc", "--hda", hda.toString(), "--serial", "none", "--timeout", "20")).isEqualTo(1);
        byte[] after = Files.readAllBytes(hda);
        assertThat(Arrays.copyOfRange(after, 5 * 512, 6 * 512)).isEqualTo(expectedSector(5));
        assertThat(Arrays.copyOfRange(after, 6 * 512, 7 * 512)).isEqualTo(expectedSector(6));
        assertThat(Arrays.copyOfRange(after, 0, 5 * 512)).isEqualTo(Arrays.copyOfRange(before, 0, 5 * 512));
        assertThat(Arrays.copyOfRange(after, 7 * 512, after.length))
                .isEqualTo(Arrays.copyOfRange(before, 7 * 512, before.length));
    }

    @Test
    void snapshotLeavesTheImageFileUnchanged() throws Exception {
        Path hda = PcGuests.image(dir, "hd.img", PcGuests.bootBinary("ata_write"), 64 * 1024);
        byte[] before = Files.readAllBytes(hda);
        long modified = Files.getLastModifiedTime(hda).toMillis();
        assertThat(jinx("pc", "--hda", hda.toString(), "--snapshot", "--serial", "none", "--timeout", "20"))
                .as("the guest saw its writes succeed").isEqualTo(1);
        assertThat(Files.readAllBytes(hda)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(hda).toMillis()).isEqualTo(modified);
    }

    @Test
    void snapshotStillShowsTheGuestItsOwnWrites() throws Exception {
        byte[] img = new byte[16 * 512];
        Path p = dir.resolve("d.img");
        Files.write(p, img);
        try (FileDisk d = FileDisk.open(p, true, "--hda")) {
            byte[] s = expectedSector(3);
            d.write(3, s, 0);
            byte[] back = new byte[512];
            d.read(3, back, 0);
            assertThat(back).isEqualTo(s);
            d.read(4, back, 0);
            assertThat(back).containsOnly(0);
        }
        assertThat(Files.readAllBytes(p)).isEqualTo(img);
    }
}
