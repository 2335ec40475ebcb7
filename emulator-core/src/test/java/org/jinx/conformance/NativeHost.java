package org.jinx.conformance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processor this runs on, as an oracle: builds the native runner (hostrun.c and hostrun.S,
 * test resources) with {@code gcc -m32 -nostdlib -static}, then runs batches of cases through
 * it, one process per batch: the cases go in a file on stdin, the results come back on stdout.
 */
final class NativeHost implements AutoCloseable {
    /** Why the host cannot be used: not x86, no gcc with 32-bit support, or 32-bit programs do not run. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why);
        }
    }

    private static final String[] SOURCES = {"hostrun.c", "hostrun.S"};
    private final Path dir;
    private final Path binary;
    private int batches;

    /** The host processor's vendor_id from /proc/cpuinfo ("AuthenticAMD", "GenuineIntel"), or "". */
    static String vendor() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("vendor_id")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: no vendor-specific cases
        }
        return "";
    }

    /** The host's model name from /proc/cpuinfo, for reports. */
    static String model() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return "unknown";
    }

    private NativeHost(Path dir) {
        this.dir = dir;
        this.binary = dir.resolve("hostrun");
    }

    /** Builds the runner in a temporary directory and checks that it runs. */
    static NativeHost open() throws Unavailable {
        String arch = System.getProperty("os.arch");
        if (!List.of("amd64", "x86_64", "x86", "i386", "i486", "i586", "i686").contains(arch)) {
            throw new Unavailable("the host is not x86 (" + arch + ")");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("jinx-hostdiff");
        } catch (IOException e) {
            throw new Unavailable("cannot create a temporary directory: " + e.getMessage());
        }
        NativeHost h = new NativeHost(dir);
        try {
            h.build();
            List<Outcome> probe = h.run(List.of(new TestCase(1, new int[] {0, 0, 0, 0, Layout.ESP_START, 0, 0, 0},
                    0x202, List.of(new Unit.Builder("NOP").insn(0x90).build()))));
            if (probe.get(0).problem != null || probe.get(0).eip != Layout.CODE + 1) {
                throw new Unavailable("the native runner does not work here: " + probe.get(0).problem);
            }
        } catch (Unavailable e) {
            h.close();
            throw e;
        }
        return h;
    }

    private void build() throws Unavailable {
        try {
            for (String name : SOURCES) {
                try (InputStream in = NativeHost.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new Unavailable("resource " + name + " missing from the class path");
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            List<String> cmd = List.of("gcc", "-m32", "-march=i386", "-ffreestanding", "-fno-pic", "-fno-pie",
                    "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-nostdlib", "-static", "-O2", "-o",
                    binary.toString(), "hostrun.c", "hostrun.S");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new Unavailable("gcc -m32 cannot build the native runner: " + firstLine(out));
            }
        } catch (IOException e) {
            throw new Unavailable("cannot run gcc: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /**
     * Runs the cases natively. If the runner dies on a case, that case gets an outcome with a
     * problem and the rest run in a fresh process.
     */
    List<Outcome> run(List<TestCase> cases) {
        return finish(start(cases));
    }

    /** A batch running in a native process while the caller does something else. */
    final class Pending {
        private final List<TestCase> cases;
        private final Path in;
        private final Path res;
        private final Path err;
        private Process process;
        private String failure;

        private Pending(List<TestCase> cases) {
            this.cases = cases;
            int n = batches++;
            in = dir.resolve("cases" + n);
            res = dir.resolve("results" + n);
            err = dir.resolve("errors" + n);
        }
    }

    /** Writes the batch and starts the native process on it. */
    Pending start(List<TestCase> cases) {
        Pending b = new Pending(cases);
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(b.in), 1 << 16)) {
                byte[] w = new byte[4];
                for (TestCase tc : cases) {
                    writeInt(os, w, tc.memSeed);
                    for (int r = 0; r < 8; r++) {
                        writeInt(os, w, tc.regs[r]);
                    }
                    writeInt(os, w, tc.eflags);
                    byte[] code = tc.code();
                    writeInt(os, w, code.length);
                    os.write(code);
                    os.write(new byte[(4 - code.length % 4) % 4]);
                }
            }
            b.process = new ProcessBuilder(binary.toString()).redirectInput(b.in.toFile())
                    .redirectOutput(b.res.toFile()).redirectError(b.err.toFile()).start();
        } catch (IOException e) {
            b.failure = e.getMessage();
        }
        return b;
    }

    /**
     * Waits for the batch and reads its outcomes. If the runner died on a case, that case gets
     * an outcome with the problem and the rest run again in a fresh process.
     */
    List<Outcome> finish(Pending b) {
        List<Outcome> out = new ArrayList<>(b.cases.size());
        String why = b.failure != null ? b.failure : collect(b, out);
        cleanUp(b);
        if (why == null) {
            return out;
        }
        if (out.size() < b.cases.size()) {
            out.add(Outcome.broken("native runner: " + why));
        }
        if (out.size() < b.cases.size()) {
            out.addAll(run(b.cases.subList(out.size(), b.cases.size())));
        }
        return out;
    }

    /** Appends an outcome per finished case. Returns why the process stopped early, or null. */
    private String collect(Pending b, List<Outcome> out) {
        try {
            if (!b.process.waitFor(300, TimeUnit.SECONDS)) {
                b.process.destroyForcibly();
                b.process.waitFor();
            }
            try (DataInputStream ds = new DataInputStream(new BufferedInputStream(Files.newInputStream(b.res),
                    1 << 16))) {
                for (int i = 0; i < b.cases.size(); i++) {
                    Outcome o = read(ds);
                    if (o == null) {
                        break;
                    }
                    out.add(o);
                }
            }
            int status = b.process.exitValue();
            if (out.size() == b.cases.size() && status == 0) {
                return null;
            }
            String msg = firstLine(Files.readString(b.err, StandardCharsets.UTF_8));
            return "exit status " + status + (msg.isEmpty() ? "" : ": " + msg);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void cleanUp(Pending b) {
        for (Path p : new Path[] {b.in, b.res, b.err}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a stale temporary file is harmless
            }
        }
    }

    private static void writeInt(OutputStream os, byte[] w, int v) throws IOException {
        w[0] = (byte) v;
        w[1] = (byte) (v >>> 8);
        w[2] = (byte) (v >>> 16);
        w[3] = (byte) (v >>> 24);
        os.write(w);
    }

    private static int readInt(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    /** One result record; null at a clean or truncated end of the stream. */
    private static Outcome read(DataInputStream in) throws IOException {
        try {
            Outcome o = new Outcome();
            int signal = readInt(in);
            int trapno = readInt(in);
            o.errorCode = readInt(in);
            o.cr2 = readInt(in);
            o.vector = signal == 0 ? -1 : trapno;
            for (int r = 0; r < 8; r++) {
                o.regs[r] = readInt(in);
            }
            o.eip = readInt(in);
            o.eflags = readInt(in);
            int n = readInt(in);
            if (n < 0 || n > Layout.BUF_SIZE) {
                throw new IOException("corrupt result stream");
            }
            o.changes = new int[n];
            for (int i = 0; i < n; i++) {
                o.changes[i] = readInt(in);
            }
            return o;
        } catch (EOFException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leave the temporary directory behind
        }
    }
}
