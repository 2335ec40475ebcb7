package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpAndVersionTest {
    @Test
    void rootHelpListsTheCommandsAndExitStatuses() {
        CliRun r = CliRun.of("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: jinx").contains("pc").contains("boot").contains("disasm")
                .contains("Exit status");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void pcHelpNamesEveryOption() {
        CliRun r = CliRun.of("pc", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--memory", "--bios", "--kernel", "--append", "--post-port",
                "--max-instructions", "--stats", "--cpu-mhz");
    }

    @Test
    void bootHelpSaysItRunsTheDemoForNow() {
        CliRun r = CliRun.of("boot", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("demo");
    }

    @Test
    void versionNamesJinxAndTheJavaRuntime() {
        CliRun r = CliRun.of("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("jinx ").contains("Java ");
    }

    @Test
    void noCommandShowsUsageAndFails() {
        CliRun r = CliRun.of();
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.err()).contains("Usage: jinx").contains("jinx: no command given");
    }
}
