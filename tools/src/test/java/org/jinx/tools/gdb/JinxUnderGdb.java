package org.jinx.tools.gdb;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jinx.tools.cli.Main;

/**
 * A real {@code jinx pc --kernel K --gdb 127.0.0.1:0} (or {@code jinx boot --module ... --gdb})
 * run in this JVM, on its own thread, and stock gdb in batch mode against it. The port is read from the stub's "listening on" line.
 * Every wait is bounded; {@link #close} kills the guest through the stub if it still runs.
 */
final class JinxUnderGdb implements AutoCloseable {
    static final long GDB_TIMEOUT_S = 60;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** The PC-mode test kernel, or null for a hosted run. */
    final TestKernel kernel;
    /** The ELF gdb loads its symbols from. */
    private final Path gdbElf;
    final int port;
    private final Thread thread;
    private final AtomicReference<Integer> status;
    private final ByteArrayOutputStream errBytes;
    private final Path scratch;

    private JinxUnderGdb(TestKernel kernel, Path gdbElf, Thread thread, AtomicReference<Integer> status,
            ByteArrayOutputStream errBytes, int port) throws IOException {
        this.kernel = kernel;
        this.gdbElf = gdbElf;
        this.thread = thread;
        this.status = status;
        this.errBytes = errBytes;
        this.port = port;
        this.scratch = Files.createTempDirectory("jinx-gdb-session");
    }

    /** Starts jinx; {@code waitGdb} holds the guest at its entry point until gdb continues. */
    static JinxUnderGdb start(TestKernel kernel, boolean waitGdb, String... more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("pc", "--kernel", kernel.elf.toString(), "-m", "4M",
                "--gdb", "127.0.0.1:0"));
        if (waitGdb) {
            args.add("--wait-gdb");
        }
        args.addAll(List.of(more));
        return launch(kernel, kernel.elf, args);
    }

    /**
     * Starts {@code jinx boot --deterministic --gdb 127.0.0.1:0 --wait-gdb} with {@code modules}
     * (each becomes a --module); gdb loads its symbols from {@code gdbElf}.
     */
    static JinxUnderGdb boot(Path gdbElf, String... modules) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("boot", "--deterministic", "-m", "16M", "--gdb", "127.0.0.1:0",
                "--wait-gdb"));
        for (String m : modules) {
            args.add("--module");
            args.add(m);
        }
        return launch(null, gdbElf, args);
    }

    private static JinxUnderGdb launch(TestKernel kernel, Path gdbElf, List<String> args)
            throws IOException, InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(new SynchronizedSink(err), true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        AtomicReference<Integer> st = new AtomicReference<>();
        Thread t = new Thread(() -> st.set(Main.run(args.toArray(new String[0]), out, errStream, null)), "jinx-under-gdb");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String text;
            synchronized (err) {
                text = err.toString(StandardCharsets.UTF_8);
            }
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return new JinxUnderGdb(kernel, gdbElf, t, st, err, Integer.parseInt(m.group(1)));
            }
            if (!t.isAlive()) {
                throw new IllegalStateException("jinx ended before listening: " + text);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("jinx did not start listening within 20 s");
    }

    String stderr() {
        synchronized (errBytes) {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** Waits (at least 1 ms) for the run to end and returns jinx's exit status, or null if it still runs. */
    Integer waitForExit(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return thread.isAlive() ? null : status.get();
    }

    /** gdb -batch connected to the stub, running {@code commands} (each an -ex) after {@code target remote}. */
    String gdb(String... commands) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String c : commands) {
            args.add("-ex");
            args.add(c);
        }
        return gdbWith(List.of(), args);
    }

    /** gdb -batch with {@code before} given before {@code target remote} and {@code after} after it. */
    String gdbWith(List<String> before, List<String> after) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-q", "-batch", "-nx",
                "-ex", "set pagination off", "-ex", "set confirm off"));
        for (String b : before) {
            cmd.add("-ex");
            cmd.add(b);
        }
        cmd.add("-ex");
        cmd.add("target remote 127.0.0.1:" + port);
        cmd.addAll(after);
        cmd.add(gdbElf.toString());
        Process p = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the process went away
            }
        });
        pump.start();
        if (!p.waitFor(GDB_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            pump.join(5000);
            throw new AssertionError("gdb did not finish in " + GDB_TIMEOUT_S + " s; output:\n" + out);
        }
        pump.join(5000);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes a script into the session's scratch directory and returns its path. */
    Path script(String name, String text) throws IOException {
        Path p = scratch.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    Path scratch() {
        return scratch;
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) {
            try (RawRspClient c = new RawRspClient(port)) {
                c.send("k");
            } catch (IOException e) {
                // the stub may already be gone
            }
            thread.join(10_000);
        }
        if (thread.isAlive()) {
            throw new AssertionError("jinx did not end after a kill; stderr:\n" + stderr());
        }
    }

    /** Serialises writes to the shared buffer so the test thread can read it while jinx writes. */
    private static final class SynchronizedSink extends java.io.OutputStream {
        private final ByteArrayOutputStream target;

        SynchronizedSink(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            synchronized (target) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (target) {
                target.write(b, off, len);
            }
        }
    }
}
