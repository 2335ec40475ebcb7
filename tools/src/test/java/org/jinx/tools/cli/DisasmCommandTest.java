package org.jinx.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisasmCommandTest {
    @TempDir
    Path dir;

    @Test
    void flatBinaryIsSixteenBitAtItsOrigin() throws IOException {
        // mov ax, 0x1234 ; hlt
        Path f = Files.write(dir.resolve("boot.bin"), new byte[] {(byte) 0xB8, 0x34, 0x12, (byte) 0xF4});
        CliRun r = CliRun.of("disasm", f.toString(), "--org", "0x7c00");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        String first = r.out().lines().findFirst().orElseThrow();
        assertThat(first).contains("7c00").contains("mov").contains("0x1234");
        assertThat(first.replaceAll("\\s", "")).as("instruction bytes").contains("b83412");
        assertThat(r.out().lines().skip(1).findFirst().orElseThrow()).contains("7c03").contains("hlt");
    }

    @Test
    void bits32ReadsFourByteImmediates() throws IOException {
        Path f = Files.write(dir.resolve("code.bin"), new byte[] {(byte) 0xB8, 0x78, 0x56, 0x34, 0x12});
        CliRun r = CliRun.of("disasm", f.toString(), "--bits", "32");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.out()).contains("0x12345678").contains("eax");
    }

    @Test
    void offsetAndLengthSelectBytesAndShiftAddresses() throws IOException {
        Path f = Files.write(dir.resolve("rom.bin"), new byte[] {0, 0, 0, 0, (byte) 0x90, (byte) 0xF4, (byte) 0x90});
        CliRun r = CliRun.of("disasm", f.toString(), "--org", "0xf0000", "--offset", "4", "--length", "2");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).contains("f0004").contains("f0005").contains("hlt");
    }

    @Test
    void elfIsListedAtItsLinkAddress() throws IOException {
        Path f = Files.write(dir.resolve("k.elf"), TestFiles.elf32(0x100000, new byte[] {(byte) 0x90, (byte) 0xF4}));
        CliRun r = CliRun.of("disasm", f.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("; segment at 0x00100000").contains("100001").contains("hlt");
    }

    @Test
    void elfRefusesFlatBinaryOptions() throws IOException {
        Path f = Files.write(dir.resolve("k.elf"), TestFiles.elf32(0x100000, new byte[] {(byte) 0x90}));
        CliRun r = CliRun.of("disasm", f.toString(), "--org", "0x1000");
        assertThat(r.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(r.firstErrLine()).contains("--raw");
    }
}
