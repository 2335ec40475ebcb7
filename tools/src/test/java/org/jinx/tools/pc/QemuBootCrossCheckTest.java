package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same boot sector under qemu-system-i386 (SeaBIOS, QEMU's diskette and IDE controllers)
 * prints on its serial port exactly what it prints under Jinx's built-in BIOS. Skipped where
 * QEMU is not installed.
 */
class QemuBootCrossCheckTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needQemu() {
        Assumptions.assumeTrue(PcGuests.onPath("qemu-system-i386"), "qemu-system-i386 is not installed");
    }

    private record Result(int status, String serial) {
    }

    private static Result qemu(List<String> drive) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-i386", "-m", "16", "-display", "none",
                "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"));
        cmd.addAll(drive);
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("QEMU did not finish in 60 s: " + cmd);
        }
        return new Result(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1));
    }

    @Test
    void disketteBootPrintsTheSameUnderQemu() throws Exception {
        Path fda = PcGuests.image(dir, "fd.img", PcGuests.bootBinary("boot"), 1474560);
        Result q = qemu(List.of("-drive", "file=" + fda + ",format=raw,if=floppy,index=0", "-boot", "a"));
        PcRun j = PcRun.boot(fda, null, false);
        assertThat(q.status()).as("QEMU: %s", q.serial()).isEqualTo(1);
        assertThat(j.status()).isEqualTo(q.status());
        assertThat(j.out).isEqualTo(q.serial()).isEqualTo(BuiltInBiosBootTest.FLOPPY_OUTPUT);
    }

    @Test
    void hardDiskBootPrintsTheSameUnderQemu() throws Exception {
        Path hda = PcGuests.image(dir, "hd.img", PcGuests.bootBinary("boot"), 1 << 20);
        Result q = qemu(List.of("-drive", "file=" + hda + ",format=raw,if=ide,index=0", "-boot", "c"));
        PcRun j = PcRun.boot(null, hda, true);
        assertThat(q.status()).as("QEMU: %s", q.serial()).isEqualTo(1);
        assertThat(j.status()).isEqualTo(q.status());
        assertThat(j.out).isEqualTo(q.serial()).isEqualTo(BuiltInBiosBootTest.HARD_DISK_OUTPUT);
    }
}
