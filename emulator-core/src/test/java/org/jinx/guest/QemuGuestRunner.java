package org.jinx.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a guest ROM under qemu-system-i386 as the reference: {@code -bios} maps it at 0xF0000
 * and 0xFFFF0000, port 0xE9 is a debug console on stdout, port 0xF4 is isa-debug-exit.
 */
final class QemuGuestRunner {
    static final String QEMU = "qemu-system-i386";
    private static final long TIMEOUT_SECONDS = 30;

    /** QEMU's process exit status (isa-debug-exit: (v << 1) | 1) and the debug console text. */
    record Result(int exitStatus, String output, String stderr) {
    }

    private QemuGuestRunner() {
    }

    static boolean available() {
        return GuestPrograms.onPath(QEMU);
    }

    static Result run(Path bin) throws IOException, InterruptedException {
        Path err = bin.resolveSibling(bin.getFileName() + ".qemu-stderr");
        List<String> command = List.of(QEMU,
                "-bios", bin.toString(),
                "-m", "4",
                "-display", "none", "-monitor", "none", "-no-reboot", "-nodefaults",
                "-chardev", "stdio,id=dbg", "-device", "isa-debugcon,iobase=0xe9,chardev=dbg",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(err.toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("QEMU did not finish within " + TIMEOUT_SECONDS + " s: " + bin);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }
}
