package org.jinx.kernel.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The guest programs the build made: the packaged ones (src/main/c/prog, as resources) and the
 * test ones (src/test/c, in target/guest-test).
 */
final class GuestPrograms {
    static final Path TEST_DIR = Path.of("target", "guest-test");

    private GuestPrograms() {
    }

    /** A packaged program (ping, pong, the benchmark) by name. */
    static byte[] packaged(String name) {
        try (InputStream in = GuestPrograms.class.getResourceAsStream("/org/jinx/kernel/guest/bin/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalStateException("guest program " + name + " was not built");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test program from src/test/c by name. */
    static byte[] test(String name) {
        try {
            return Files.readAllBytes(TEST_DIR.resolve(name + ".elf"));
        } catch (IOException e) {
            throw new UncheckedIOException("guest test program " + name + " was not built", e);
        }
    }

    static BootImage.Module system(String name, String... args) {
        return BootImage.Module.system(name, packaged(name), args);
    }
}
