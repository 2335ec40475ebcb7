package org.jinx.tools.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The multiboot test kernel (resource kernel.S), assembled with {@code as --32} and linked
 * with {@code ld -m elf_i386} once per test run, with its symbol addresses read back by
 * {@code nm} so no test hard-codes an address.
 */
final class TestKernel {
    final Path elf;
    private final Map<String, Long> symbols;

    private TestKernel(Path elf, Map<String, Long> symbols) {
        this.elf = elf;
        this.symbols = symbols;
    }

    private static TestKernel built;

    /** Builds the kernel (once); null when binutils is not installed. */
    static synchronized TestKernel get() throws IOException, InterruptedException {
        if (built == null && Tools.available("as") && Tools.available("ld") && Tools.available("nm")) {
            Path dir = Files.createTempDirectory("jinx-gdb-kernel");
            Path src = copy(dir, "kernel.S");
            Path lds = copy(dir, "kernel.ld");
            Path obj = dir.resolve("kernel.o");
            Path elf = dir.resolve("kernel.elf");
            Tools.run(dir, "as", "--32", "-g", "-o", obj.toString(), src.toString());
            Tools.run(dir, "ld", "-m", "elf_i386", "--no-warn-rwx-segments", "-T", lds.toString(), "-o", elf.toString(),
                    obj.toString());
            Map<String, Long> syms = new HashMap<>();
            for (String line : Tools.run(dir, "nm", elf.toString()).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    syms.put(f[2], Long.parseLong(f[0], 16));
                }
            }
            built = new TestKernel(elf, syms);
        }
        return built;
    }

    long addr(String symbol) {
        Long a = symbols.get(symbol);
        if (a == null) {
            throw new IllegalArgumentException("no symbol " + symbol + " in the test kernel");
        }
        return a;
    }

    /** The address as gdb prints it with {@code p/x}: {@code 0x} and lowercase hex. */
    String hex(String symbol) {
        return "0x" + Long.toHexString(addr(symbol));
    }

    private static Path copy(Path dir, String name) throws IOException {
        try (InputStream in = TestKernel.class.getResourceAsStream(name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    /** Host tools: presence checks and bounded runs. */
    static final class Tools {
        private Tools() {
        }

        static boolean available(String tool) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                    return true;
                }
            }
            return false;
        }

        /** Runs a command to completion (at most 60 s) and returns its output; fails on a non-zero status. */
        static String run(Path dir, String... cmd) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 60 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + text);
            }
            return text;
        }
    }
}
