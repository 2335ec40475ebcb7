package org.jinx.tools.lockstep;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The ROMs the lockstep tests run, built with GNU as, ld and objcopy into
 * {@code target/lockstep-roms}: the CPU test programs of emulator-core
 * ({@code emulator-core/src/test/guest}, linked with their {@code rom.ld}) and this module's
 * small deviation programs ({@code src/test/guest/lockstep}, 16-bit code at offset 0 of F000).
 * Tests that need them, or QEMU, are skipped where the tools are missing.
 */
final class TestRoms {
    private static final long TOOL_TIMEOUT_SECONDS = 60;
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path GUEST_DIR = MODULE.resolve("../emulator-core/src/test/guest").normalize();
    static final Path DEVIATION_DIR = MODULE.resolve("src/test/guest/lockstep");
    private static final Path OUT = MODULE.resolve("target/lockstep-roms");

    private TestRoms() {
    }

    /** Skips the calling test unless binutils and qemu-system-i386 are installed. */
    static void assumeToolsAndQemu() {
        assumeTrue(works("as") && works("ld") && works("objcopy"), "GNU as, ld and objcopy build the ROMs");
        assumeTrue(works(QemuTarget.DEFAULT_BINARY), "qemu-system-i386 is the reference");
    }

    /** The CPU test programs' names (the .S files of emulator-core's guest directory), sorted. */
    static List<String> guestPrograms() throws IOException {
        return names(GUEST_DIR);
    }

    static List<String> deviationPrograms() throws IOException {
        return names(DEVIATION_DIR);
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".S")).sorted()
                    .forEach(f -> names.add(f.substring(0, f.length() - 2)));
        }
        return names;
    }

    /** Builds a CPU test program into a ROM image; returns its path. */
    static synchronized Path guest(String name) throws IOException, InterruptedException {
        Path include = GUEST_DIR.resolve("include");
        return build(GUEST_DIR.resolve(name + ".S"), "guest-" + name, include,
                List.of("-T", include.resolve("rom.ld").toString()));
    }

    /** Builds one of the deviation programs into a ROM image; returns its path. */
    static synchronized Path deviation(String name) throws IOException, InterruptedException {
        return build(DEVIATION_DIR.resolve(name + ".S"), "dev-" + name, DEVIATION_DIR, List.of("-Ttext=0"));
    }

    private static Path build(Path source, String stem, Path include, List<String> linkOptions)
            throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path obj = OUT.resolve(stem + ".o");
        Path elf = OUT.resolve(stem + ".elf");
        Path bin = OUT.resolve(stem + ".bin");
        run(List.of("as", "--32", "-I", include.toString(), "-o", obj.toString(), source.toString()));
        List<String> ld = new ArrayList<>(List.of("ld", "-m", "elf_i386", "--no-warn-rwx-segments"));
        ld.addAll(linkOptions);
        ld.addAll(List.of("-o", elf.toString(), obj.toString()));
        run(ld);
        run(List.of("objcopy", "-O", "binary", elf.toString(), bin.toString()));
        return bin;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:" + System.lineSeparator() + out);
        }
    }

    private static boolean works(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
