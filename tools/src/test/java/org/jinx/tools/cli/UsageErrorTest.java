package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A wrong command line gives one line saying what is wrong, a hint, and status 2. */
class UsageErrorTest {
    private static void assertUsageError(CliRun r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.firstErrLine()).startsWith("jinx: ").contains(fragments);
        assertThat(r.err()).contains("--help' for more information");
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(2);
        assertThat(r.clean()).isTrue();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOption() {
        assertUsageError(CliRun.of("pc", "--frobnicate"), "--frobnicate");
    }

    @Test
    void unknownCommand() {
        assertUsageError(CliRun.of("fly"), "fly");
    }

    @Test
    void pcWithNothingToBoot() {
        assertUsageError(CliRun.of("pc"), "nothing to boot", "--bios", "--kernel");
    }

    @Test
    void pcWithBothBiosAndKernel() {
        assertUsageError(CliRun.of("pc", "--bios", "a.bin", "--kernel", "b.elf"), "--bios", "--kernel");
    }

    @Test
    void memorySizeThatIsNotASize() {
        assertUsageError(CliRun.of("pc", "--kernel", "k.elf", "--memory", "lots"), "--memory", "lots");
    }

    @Test
    void memorySizeTooSmall() {
        assertUsageError(CliRun.of("pc", "--kernel", "k.elf", "--memory", "64K"), "64K");
    }

    @Test
    void postPortOutsideTheIoSpace() {
        assertUsageError(CliRun.of("pc", "--kernel", "k.elf", "--post-port", "0x10000"), "0x10000");
    }

    @Test
    void postPortOnTheDebugConsole() {
        assertUsageError(CliRun.of("pc", "--kernel", "k.elf", "--post-port", "0xE9"), "--post-port", "debug console");
    }

    @Test
    void instructionLimitOfZero() {
        assertUsageError(CliRun.of("boot", "--max-instructions", "0"), "--max-instructions");
    }

    @Test
    void appendWithoutAKernel() {
        assertUsageError(CliRun.of("pc", "--bios", "rom.bin", "--append", "quiet"), "--append");
    }

    @Test
    void disasmWithAnImpossibleWidth() {
        assertUsageError(CliRun.of("disasm", "x.bin", "--bits", "8"), "--bits");
    }

    @Test
    void disasmWithoutAFile() {
        assertUsageError(CliRun.of("disasm"), "FILE");
    }
}
