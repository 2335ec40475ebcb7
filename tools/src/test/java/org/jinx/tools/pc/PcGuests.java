package org.jinx.tools.pc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds the guest programs of {@code src/test/guest/pc} with binutils: boot sectors as flat
 * binaries linked at 0000:7C00, multiboot kernels as ELF files at 1 MiB. Tests that need them
 * are skipped where {@code as --32} or {@code ld -m elf_i386} is missing.
 */
final class PcGuests {
    static final Path SOURCES = Path.of("src/test/guest/pc").toAbsolutePath();
    static final Path OUT = Path.of("target/pc-guests").toAbsolutePath();

    private PcGuests() {
    }

    /** A boot sector program as a flat binary (its first 512 bytes are the boot sector). */
    static byte[] bootBinary(String name) throws IOException, InterruptedException {
        Path obj = assemble(name);
        Path bin = OUT.resolve(name + ".bin");
        tool(List.of("ld", "-m", "elf_i386", "-Ttext", "0x7C00", "--oformat", "binary", "-o", bin.toString(),
                obj.toString()));
        return Files.readAllBytes(bin);
    }

    /** A multiboot kernel linked at 1 MiB. */
    static Path multibootKernel(String name) throws IOException, InterruptedException {
        Path obj = assemble(name);
        Path elf = OUT.resolve(name + ".elf");
        tool(List.of("ld", "-m", "elf_i386", "-Ttext=0x100000", "-e", "_start", "-o", elf.toString(),
                obj.toString()));
        return elf;
    }

    /** A disk image file: {@code contents} padded with zeros to {@code size} bytes. */
    static Path image(Path dir, String name, byte[] contents, int size) throws IOException {
        byte[] img = new byte[size];
        System.arraycopy(contents, 0, img, 0, contents.length);
        Path p = dir.resolve(name);
        Files.write(p, img);
        return p;
    }

    private static Path assemble(String name) throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path obj = OUT.resolve(name + ".o");
        tool(List.of("as", "--32", "-o", obj.toString(), SOURCES.resolve(name + ".S").toString()));
        return obj;
    }

    private static void tool(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(command.get(0) + " is not installed: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
