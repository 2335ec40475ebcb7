package org.jinx.guest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The self-checking guest programs in {@code src/test/guest}: finds them and builds each one
 * (GNU as, ld, objcopy) into a 64 KiB ROM image under {@code target/guest}, once per JVM.
 */
final class GuestPrograms {
    static final int ROM_SIZE = 64 * 1024;
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path SOURCE_DIR = MODULE.resolve("src/test/guest");
    static final Path OUT_DIR = MODULE.resolve("target/guest");

    private static final Map<String, byte[]> BUILT = new ConcurrentHashMap<>();
    private static Boolean toolsPresent;

    private GuestPrograms() {
    }

    /** Program names (the .S file names without extension), sorted; the JUnit parameter source. */
    static List<String> names() throws IOException {
        if (!Files.isDirectory(SOURCE_DIR)) {
            throw new IllegalStateException("guest program directory not found: " + SOURCE_DIR);
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCE_DIR)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".S"))
                    .sorted()
                    .forEach(f -> names.add(f.substring(0, f.length() - 2)));
        }
        return names;
    }

    /** The ROM image of a program; skips the calling test when the binutils are missing. */
    static byte[] rom(String name) throws IOException, InterruptedException {
        assumeTrue(binutilsPresent(), "as, ld and objcopy are needed to build the guest programs");
        byte[] cached = BUILT.get(name);
        if (cached != null) {
            return cached;
        }
        byte[] image = Files.readAllBytes(build(name));
        if (image.length != ROM_SIZE) {
            throw new AssertionError(name + ".bin is " + image.length + " bytes, not a 64 KiB ROM");
        }
        BUILT.put(name, image);
        return image;
    }

    /** Assembles and links one program; returns the path of its .bin. */
    static Path build(String name) throws IOException, InterruptedException {
        Files.createDirectories(OUT_DIR);
        Path include = SOURCE_DIR.resolve("include");
        Path obj = OUT_DIR.resolve(name + ".o");
        Path elf = OUT_DIR.resolve(name + ".elf");
        Path bin = OUT_DIR.resolve(name + ".bin");
        run("as", "--32", "-I", include.toString(), "-o", obj.toString(), SOURCE_DIR.resolve(name + ".S").toString());
        run("ld", "-m", "elf_i386", "--no-warn-rwx-segments", "-T", include.resolve("rom.ld").toString(),
                "-o", elf.toString(), obj.toString());
        run("objcopy", "-O", "binary", elf.toString(), bin.toString());
        return bin;
    }

    private static synchronized boolean binutilsPresent() {
        if (toolsPresent == null) {
            toolsPresent = onPath("as") && onPath("ld") && onPath("objcopy");
        }
        return toolsPresent;
    }

    /** Whether a program starts at all (`--version`). */
    static boolean onPath(String tool) {
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

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(command[0] + " failed (status " + p.exitValue() + "): "
                    + String.join(" ", command) + System.lineSeparator() + output);
        }
    }
}
