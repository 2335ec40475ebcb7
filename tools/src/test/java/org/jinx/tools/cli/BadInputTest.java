package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be booted give one line naming the file and the problem, and status 4. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertBadInput(CliRun r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.firstErrLine()).startsWith("jinx: ").contains(fragments);
        assertThat(r.clean()).isTrue();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingKernel() {
        Path k = dir.resolve("absent.elf");
        assertBadInput(CliRun.of("pc", "--kernel", k.toString()), k.toString(), "does not exist");
    }

    @Test
    void missingRom() {
        assertBadInput(CliRun.of("pc", "--bios", dir.resolve("absent.bin").toString()), "absent.bin", "does not exist");
    }

    @Test
    void directoryGivenAsKernel() {
        assertBadInput(CliRun.of("pc", "--kernel", dir.toString()), "is a directory");
    }

    @Test
    void romOfTheWrongSizeNamesItsSize() throws IOException {
        Path rom = file("short.bin", new byte[40000]);
        assertBadInput(CliRun.of("pc", "--bios", rom.toString()), "short.bin", "40000 bytes", "65536", "131072");
    }

    @Test
    void kernelThatIsNotElf() throws IOException {
        Path k = file("notes.txt", "certainly not a kernel\n".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(CliRun.of("pc", "--kernel", k.toString()), "notes.txt", "not an ELF file");
    }

    @Test
    void elfWithoutMultibootHeader() throws IOException {
        Path k = file("plain.elf", TestFiles.elf32(0x100000, new byte[] {(byte) 0xF4}));
        assertBadInput(CliRun.of("pc", "--kernel", k.toString()), "plain.elf", "no multiboot header");
    }

    @Test
    void sixtyFourBitElf() throws IOException {
        Path k = file("k64.elf", TestFiles.elf64Header());
        assertBadInput(CliRun.of("pc", "--kernel", k.toString()), "k64.elf", "64-bit");
    }

    @Test
    void disasmOfAMissingFile() {
        assertBadInput(CliRun.of("disasm", dir.resolve("gone.bin").toString()), "gone.bin", "does not exist");
    }
}
