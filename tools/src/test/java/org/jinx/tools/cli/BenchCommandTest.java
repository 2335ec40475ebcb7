package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jinx bench}: the report lines bench/run.sh reads, and its usage errors. */
class BenchCommandTest {
    @TempDir
    Path dir;

    /** A 64 KiB ROM whose reset vector runs INC AX three times, then writes 0 to port 0xF4. */
    private Path rom() throws IOException {
        byte[] image = new byte[64 * 1024];
        int[] code = {0x40, 0x40, 0x40, 0xB0, 0x00, 0xE6, 0xF4, 0xF4};
        for (int i = 0; i < code.length; i++) {
            image[0xFFF0 + i] = (byte) code[i];
        }
        Path p = dir.resolve("rom.bin");
        Files.write(p, image);
        return p;
    }

    @Test
    void reportsInstructionsOutputAndMedians() throws IOException {
        CliRun r = CliRun.of("bench", "--bios", rom().toString(), "--runs", "3", "--warmup", "1");
        assertThat(r.status()).isZero();
        // INC, INC, INC, MOV AL, OUT: the run ends with the OUT to port 0xF4.
        assertThat(r.out()).contains("instructions 5");
        assertThat(r.out()).containsPattern("median_mips_cpu [0-9]+\\.[0-9]+");
        assertThat(r.out()).containsPattern("median_mips_wall [0-9]+\\.[0-9]+");
        assertThat(r.err()).contains("warm-up 1").contains("run 4");
    }

    @Test
    void noCyclesCountsOneClockPerInstruction() throws IOException {
        CliRun r = CliRun.of("bench", "--bios", rom().toString(), "--runs", "1", "--warmup", "0", "--no-cycles");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("instructions 5");
    }

    @Test
    void zeroRunsIsAUsageError() throws IOException {
        CliRun r = CliRun.of("bench", "--bios", rom().toString(), "--runs", "0");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.clean()).isTrue();
    }

    @Test
    void anImageThatNeverExitsIsReportedNotHung() throws IOException {
        byte[] image = new byte[64 * 1024];
        image[0xFFF0] = (byte) 0xEB; // JMP $
        image[0xFFF1] = (byte) 0xFE;
        Path p = dir.resolve("loop.bin");
        Files.write(p, image);
        CliRun r = CliRun.of("bench", "--bios", p.toString(), "--runs", "1", "--warmup", "0",
                "--max-instructions", "1000");
        assertThat(r.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(r.firstErrLine()).contains("did not exit through port 0xF4");
        assertThat(r.clean()).isTrue();
    }
}
