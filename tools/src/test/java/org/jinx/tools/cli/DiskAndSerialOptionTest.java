package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk images, serial backends and the board layout that cannot be used: one clear line each. */
class DiskAndSerialOptionTest {
    @TempDir
    Path dir;

    private static void assertOneLine(CliRun r, int status, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(status);
        assertThat(r.firstErrLine()).startsWith("jinx: ").contains(fragments);
        assertThat(r.clean()).as(r.err()).isTrue();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void nothingToBootNamesTheDiskOptionsToo() {
        assertOneLine(CliRun.of("pc"), ExitStatus.USAGE, "nothing to boot", "--fda", "--hda", "--bios", "--kernel");
    }

    @Test
    void imageWhoseSizeIsNotWholeSectors() throws IOException {
        Path img = Files.write(dir.resolve("odd.img"), new byte[1000]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString()), ExitStatus.BAD_INPUT, "--hda", "odd.img",
                "1000 bytes", "512-byte sectors");
    }

    @Test
    void emptyImage() throws IOException {
        Path img = Files.write(dir.resolve("empty.img"), new byte[0]);
        assertOneLine(CliRun.of("pc", "--fda", img.toString()), ExitStatus.BAD_INPUT, "--fda", "0 bytes");
    }

    @Test
    void missingImage() {
        assertOneLine(CliRun.of("pc", "--hdb", dir.resolve("nope.img").toString(), "--hda",
                dir.resolve("nope.img").toString()), ExitStatus.BAD_INPUT, "no such file", "nope.img");
    }

    @Test
    void missingSecondaryChannelImageNamesItsOption() throws IOException {
        Path rom = Files.write(dir.resolve("rom.bin"), new byte[0x10000]);
        assertOneLine(CliRun.of("pc", "--bios", rom.toString(), "--hdd", dir.resolve("gone.img").toString()),
                ExitStatus.BAD_INPUT, "--hdd", "gone.img");
        assertOneLine(CliRun.of("pc", "--bios", rom.toString(), "--hdc",
                dir.resolve("gone.img").toString()), ExitStatus.BAD_INPUT, "--hdc", "gone.img");
    }

    @Test
    void directoryAsImage() {
        assertOneLine(CliRun.of("pc", "--fda", dir.toString()), ExitStatus.BAD_INPUT, "--fda", "is a directory");
    }

    @Test
    void unreadableImage() throws IOException {
        Path img = Files.write(dir.resolve("locked.img"), new byte[512]);
        Assumptions.assumeTrue(img.toFile().setReadable(false) && !Files.isReadable(img),
                "running as a user who can read anything (root)");
        assertOneLine(CliRun.of("pc", "--hda", img.toString()), ExitStatus.BAD_INPUT, "locked.img");
    }

    @Test
    void disketteLargerThanTheLargestFormat() throws IOException {
        Path img = Files.write(dir.resolve("big.img"), new byte[4 << 20]);
        assertOneLine(CliRun.of("pc", "--fda", img.toString()), ExitStatus.BAD_INPUT, "--fda", "2.88 MB");
    }

    @Test
    void disketteWithAKernel() throws IOException {
        Path img = Files.write(dir.resolve("fd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--fda", img.toString(), "--kernel", "k.elf"), ExitStatus.USAGE,
                "--fda", "built-in BIOS");
    }

    @Test
    void unknownSerialBackend() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--serial", "pipe:x"), ExitStatus.USAGE,
                "--serial", "stdio, none, file:PATH or tcp:[HOST:]PORT", "pipe:x");
    }

    @Test
    void tcpSerialWithoutAPort() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--serial2", "tcp:localhost:http"), ExitStatus.USAGE,
                "--serial2", "TCP port");
    }

    @Test
    void tcpSerialOnAPortInUse() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--serial", "tcp:" + taken.getLocalPort()),
                    ExitStatus.BAD_INPUT, "--serial", "cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void bothSerialLinesOnStdio() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--serial2", "stdio"), ExitStatus.USAGE,
                "--serial and --serial2");
    }

    @Test
    void unknownDisplay() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--display", "sdl"), ExitStatus.USAGE,
                "--display", "none or window", "sdl");
    }

    @Test
    void portClaimedTwiceNamesBothOwners() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--post-port", "0x3F8"), ExitStatus.USAGE,
                "0x03F8", "NS16550A COM1", "POST codes");
    }

    @Test
    void windowWithoutAnXDisplaySaysSo() throws IOException {
        Assumptions.assumeTrue(System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isEmpty(),
                "an X display is available here");
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--display", "window"), ExitStatus.BAD_INPUT,
                "--display window");
    }

    @Test
    void serialToAFileInAMissingDirectory() throws IOException {
        Path img = Files.write(dir.resolve("hd.img"), new byte[512]);
        assertOneLine(CliRun.of("pc", "--hda", img.toString(), "--serial", "file:" + dir.resolve("no/such/out.txt")),
                ExitStatus.BAD_INPUT, "--serial", "cannot write");
    }
}
