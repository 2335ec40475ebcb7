package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code jinx boot --module}: ELF programs booted as processes of the hosted kernel. */
class HostedBootTest {
    @Test
    void thePackagedPairRunsToTheEndAndPrintsOnStdout() {
        CliRun r = CliRun.of("boot", "--module", "ping", "--module", "pong", "--deterministic");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("ping: 1000 round trips with endpoint 1, all answered")
                .contains("pong: served 1000 requests");
        assertThat(r.clean()).isTrue();
    }

    @Test
    void argumentsFollowTheFileAfterCommas() {
        // pong at endpoint 0 this time, and ping told so by its argument.
        CliRun r = CliRun.of("boot", "--module", "pong", "--module", "ping,0", "--deterministic");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("with endpoint 0");
    }

    @Test
    void aModuleThatFailsGivesItsStatusAsAGuestStatus() {
        // ping alone: its SENDREC to endpoint 1 finds nobody (an empty boot slot) and it exits 1.
        CliRun r = CliRun.of("boot", "--module", "ping", "--deterministic");
        assertThat(r.status()).as(r.err()).isEqualTo(1 << 1 | 1);
        assertThat(r.out()).contains("ping: round 0 failed");
    }

    @Test
    void aMissingFileIsBadInputOnOneLine() {
        CliRun r = CliRun.of("boot", "--module", "no-such-program.elf");
        assertThat(r.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(r.firstErrLine()).isEqualTo("jinx: --module: no such file: no-such-program.elf");
        assertThat(r.clean()).isTrue();
    }

    @Test
    void aFileThatIsNotAnElfIsBadInput() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("jinx", ".txt");
        java.nio.file.Files.writeString(f, "not an executable");
        CliRun r = CliRun.of("boot", "--module", f.toString());
        assertThat(r.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(r.firstErrLine()).contains("is not an ELF file");
        assertThat(r.clean()).isTrue();
    }

    @Test
    void anEmptySpecIsAUsageError() {
        CliRun r = CliRun.of("boot", "--module", ",x");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.clean()).isTrue();
    }
}
