package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinx.tools.lockstep.QemuDeviation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jinx lockstep}: its options, its errors as one line each, and the deviation list. */
class LockstepCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jinx(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsEveryKnownDeviationWithItsReference() {
        assertThat(jinx("lockstep", "--list-deviations")).isEqualTo(ExitStatus.OK);
        for (QemuDeviation d : QemuDeviation.values()) {
            assertThat(stdout()).contains(d.name()).contains(d.reference);
        }
    }

    @Test
    void withoutARomItIsAUsageError() {
        assertThat(jinx("lockstep")).isEqualTo(ExitStatus.USAGE);
        assertThat(stderr()).contains("jinx: nothing to run: give --bios FILE");
    }

    @Test
    void aMissingRomIsUnusableInput() {
        assertThat(jinx("lockstep", "--bios", dir.resolve("none.bin").toString())).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(stderr()).contains("not found").doesNotContain("Exception");
    }

    @Test
    void aQemuThatCannotStartIsOneLineNotAStackTrace() throws IOException {
        Path rom = Files.write(dir.resolve("rom.bin"), new byte[64 * 1024]);
        int status = jinx("lockstep", "--bios", rom.toString(), "--qemu", dir.resolve("no-such-qemu").toString());
        assertThat(status).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(stderr()).startsWith("jinx: cannot start").doesNotContain("\tat ");
        assertThat(stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void aRomOfTheWrongSizeIsRejectedBeforeQemuStarts() throws IOException {
        Path rom = Files.write(dir.resolve("short.bin"), new byte[1000]);
        assertThat(jinx("lockstep", "--bios", rom.toString(), "--qemu", "/nonexistent")).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(stderr()).contains("65536");
    }
}
