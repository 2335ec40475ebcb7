package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our boot sector (boot.S) started by the built-in BIOS from a diskette and from a hard disk:
 * it prints through INT 10h and COM1, and reads its second stage and a data sector through
 * INT 13h by CHS and, on the hard disk, by LBA.
 */
class BuiltInBiosBootTest {
    static final String FLOPPY_OUTPUT = "boot: drive 00\r\nstage2: loaded by INT 13h CHS\r\n"
            + "data: sector 3 read by CHS\r\ndone\r\n";
    static final String HARD_DISK_OUTPUT = "boot: drive 80\r\nstage2: loaded by INT 13h CHS\r\n"
            + "data: sector 3 read by LBA\r\ndata: sector 3 read by CHS\r\ndone\r\n";

    @TempDir
    Path dir;

    @Test
    void diskettePrintsThroughSerialAndInt10AndReadsByChs() throws Exception {
        Path fda = PcGuests.image(dir, "fd.img", PcGuests.bootBinary("boot"), 1474560);
        PcRun r = PcRun.boot(fda, null, false);
        assertThat(r.status()).as(r.err).isEqualTo(1);
        assertThat(r.out).isEqualTo(FLOPPY_OUTPUT);
        assertThat(r.err).contains("Booting from diskette A");
        assertThat(r.screen()).containsSubsequence("Booting from diskette A...", "boot: drive 00",
                "stage2: loaded by INT 13h CHS", "data: sector 3 read by CHS", "done");
    }

    @Test
    void hardDiskReadsByChsAndLba() throws Exception {
        Path hda = PcGuests.image(dir, "hd.img", PcGuests.bootBinary("boot"), 1 << 20);
        PcRun r = PcRun.boot(null, hda, false);
        assertThat(r.status()).as(r.err).isEqualTo(1);
        assertThat(r.out).isEqualTo(HARD_DISK_OUTPUT);
        assertThat(r.screen()).containsSubsequence("Booting from hard disk 0...", "boot: drive 80",
                "data: sector 3 read by LBA", "done");
    }

    @Test
    void smallDisketteImageIsServedWithTheGeometryItFits() throws Exception {
        // 2 KiB: read as the first sectors of a 160 KB diskette (8 sectors per track)
        Path fda = PcGuests.image(dir, "tiny.img", PcGuests.bootBinary("boot"), 2048);
        PcRun r = PcRun.boot(fda, null, false);
        assertThat(r.out).isEqualTo(FLOPPY_OUTPUT);
    }

    @Test
    void diskWithoutBootSignatureIsRefusedWithTheReason() throws Exception {
        byte[] img = new byte[512 * 4];
        img[0] = (byte) 0xF4;
        Path hda = dir.resolve("blank.img");
        Files.write(hda, img);
        PcRun r = PcRun.boot(null, hda, false);
        assertThat(r.status()).isEqualTo(8); // the BIOS stops the CPU with interrupts off
        assertThat(r.err).contains("No bootable disk").contains("hard disk 0")
                .contains("does not end with 55 AA (found 00 00)");
        assertThat(r.screen()).anyMatch(row -> row.startsWith("No bootable disk"));
    }
}
