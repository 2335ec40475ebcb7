package org.jinx.tools.lockstep;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * QEMU's side of the lockstep: {@code qemu-system-i386} started halted ({@code -S}) with its
 * gdb stub on a local port, the ROM as {@code -bios}, isa-debugcon on port 0xE9 (its text read
 * from QEMU's stdout) and isa-debug-exit on 0xF4, exactly as the guest-program runner starts
 * it, and driven one instruction at a time through the stub.
 *
 * <p>What a gdb single step is in QEMU 7.2 (TCG, checked with these guest programs): one
 * instruction, or one iteration of a REP string instruction (EIP stays on the instruction
 * until the count runs out); an instruction that raises an exception stops at the first
 * instruction of the handler, not yet executed. Interrupts and timers are off during a step
 * (QEMU's default {@code SSTEP_NOIRQ|SSTEP_NOTIMER}); the guest programs mask the 8259s anyway.
 */
public final class QemuTarget implements Closeable {
    public static final String DEFAULT_BINARY = "qemu-system-i386";
    /** Guest RAM in MiB, on both sides (the guest programs fit in 4 MiB). */
    public static final int RAM_MIB = 4;
    /** How long a single step may take before the tool asks the stub to stop (HLT never ends). */
    static final int STEP_TIMEOUT_MS = 5_000;
    static final int REPLY_TIMEOUT_MS = 10_000;
    static final int CONNECT_WITHIN_MS = 10_000;

    /** How a step or a continue ended. */
    public enum Stop {
        /** Stopped with the CPU still there (a step done, a breakpoint hit, an interrupt). */
        STOPPED,
        /** QEMU exited: the guest wrote isa-debug-exit, or QEMU shut down. */
        EXITED,
        /** The step did not finish in time and had to be interrupted (HLT with nothing to wake it). */
        TIMED_OUT
    }

    private final Process process;
    private final RspClient rsp;
    private final TargetDescription layout;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private boolean exited;

    private QemuTarget(Process process, RspClient rsp) throws IOException {
        this.process = process;
        this.rsp = rsp;
        stdoutPump = pump(process.getInputStream(), stdout, "qemu stdout");
        stderrPump = pump(process.getErrorStream(), stderr, "qemu stderr");
        rsp.request("qSupported:xmlRegisters=i386");
        String why = rsp.request("?");
        if (!why.startsWith("T") && !why.startsWith("S")) {
            throw new IOException("QEMU's gdb stub answered '?' with " + why);
        }
        String g = rsp.request("g");
        layout = TargetDescription.fetch(rsp).checkReply(g.length() / 2);
    }

    /** The command line that runs {@code bios} halted, with the stub on {@code port}. */
    static List<String> commandLine(String binary, Path bios, int port) {
        return List.of(binary,
                "-S", "-gdb", "tcp:127.0.0.1:" + port,
                "-bios", bios.toString(),
                "-m", Integer.toString(RAM_MIB),
                "-accel", "tcg",
                "-display", "none", "-monitor", "none", "-no-reboot", "-nodefaults",
                "-chardev", "stdio,id=dbg", "-device", "isa-debugcon,iobase=0xe9,chardev=dbg",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
    }

    /** Starts QEMU on {@code bios} and connects to its stub; the CPU waits at the reset vector. */
    public static QemuTarget start(String binary, Path bios) throws IOException {
        int port = freePort();
        Process p;
        try {
            p = new ProcessBuilder(commandLine(binary, bios, port))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start " + binary + " (is QEMU installed? Debian: apt-get install "
                    + "qemu-system-x86): " + e.getMessage());
        }
        try {
            RspClient client = connect(p, port);
            return new QemuTarget(p, client);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static RspClient connect(Process p, int port) throws IOException {
        long deadline = System.nanoTime() + CONNECT_WITHIN_MS * 1_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new IOException("QEMU exited at start-up with status " + p.exitValue()
                        + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("")));
            }
            try {
                return RspClient.connect("127.0.0.1", port, 200, REPLY_TIMEOUT_MS);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("QEMU's gdb stub did not start listening on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read so far is kept
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public TargetDescription layout() {
        return layout;
    }

    /** One gdb single step. */
    public Stop step() throws IOException {
        return resume("s", STEP_TIMEOUT_MS);
    }

    /**
     * One gdb single step that is expected not to finish: HLT with nothing to wake the CPU
     * (QEMU 7.2's step then waits for an interrupt that single-stepping masks). After
     * {@code waitMs} the stub is interrupted, and the CPU is left after the HLT.
     */
    public Stop stepIntoHalt(int waitMs) throws IOException {
        return resume("s", waitMs);
    }

    /**
     * Runs until the CPU reaches one of the linear addresses {@code stops} (hardware
     * breakpoints, so nothing is written to guest memory), or until {@code timeoutMs}.
     */
    public Stop runTo(int[] stops, int timeoutMs) throws IOException {
        for (int a : stops) {
            expectOk(rsp.request(String.format("Z1,%x,1", a)), "Z1");
        }
        Stop s = resume("c", timeoutMs);
        if (s != Stop.EXITED) {
            for (int a : stops) {
                expectOk(rsp.request(String.format("z1,%x,1", a)), "z1");
            }
        }
        return s;
    }

    private Stop resume(String packet, int timeoutMs) throws IOException {
        if (exited) {
            return Stop.EXITED;
        }
        try {
            rsp.send(packet);
            String reply;
            try {
                reply = rsp.receive(timeoutMs);
            } catch (RspClient.TimeoutException e) {
                rsp.interrupt();
                rsp.receive(REPLY_TIMEOUT_MS);
                return Stop.TIMED_OUT;
            }
            if (reply.startsWith("W") || reply.startsWith("X")) {
                exited = true;
                return Stop.EXITED;
            }
            if (!reply.startsWith("T") && !reply.startsWith("S")) {
                throw new IOException("QEMU's gdb stub answered '" + packet + "' with " + reply);
            }
            return Stop.STOPPED;
        } catch (RspClient.ClosedException e) {
            exited = true;
            return Stop.EXITED;
        }
    }

    public Registers registers() throws IOException {
        String g = rsp.request("g");
        if (g.startsWith("E")) {
            throw new IOException("QEMU's gdb stub refused to read registers: " + g);
        }
        return Registers.fromG(g, layout);
    }

    /** Writes one register by its target-description name ({@code P} packet). */
    public void writeRegister(String name, int value) throws IOException {
        TargetDescription.Reg r = layout.require(name);
        String v = Registers.toLittleEndianHex(value, r.bytes());
        if (r.bytes() > 4) {
            v = v + "00".repeat(r.bytes() - 4);
        }
        expectOk(rsp.request(String.format("P%x=%s", r.number(), v)), "P " + name);
    }

    /** {@code length} bytes at a linear address through QEMU's page tables; null when unmapped. */
    public byte[] readMemory(int linear, int length) throws IOException {
        String m = rsp.request(String.format("m%x,%x", linear, length));
        if (m.isEmpty() || m.startsWith("E")) {
            return null;
        }
        byte[] b = new byte[m.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(m.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** Writes bytes at a linear address through QEMU's page tables ({@code M} packet). */
    public void writeMemory(int linear, byte[] bytes) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b & 0xFF));
        }
        expectOk(rsp.request(String.format("M%x,%x:%s", linear, bytes.length, hex)), "M");
    }

    private static void expectOk(String reply, String what) throws IOException {
        if (!reply.equals("OK")) {
            throw new IOException("QEMU's gdb stub refused " + what + ": " + (reply.isEmpty() ? "not supported" : reply));
        }
    }

    /** Whether QEMU has exited (after the guest's exit write). */
    public boolean exited() {
        return exited;
    }

    /** QEMU's process exit status, waiting up to a few seconds for it to end; -1 if it did not. */
    public int exitStatus() {
        try {
            if (!process.waitFor(REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return -1;
            }
            stdoutPump.join(REPLY_TIMEOUT_MS);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The debug console text so far. */
    public String output() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** What QEMU wrote to stderr (its warnings and errors). */
    public String errors() {
        try {
            stderrPump.join(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Ends QEMU: {@code k} if it still runs, then the process itself. */
    @Override
    public void close() {
        try {
            if (!exited && process.isAlive()) {
                rsp.send("k");
            }
        } catch (IOException e) {
            // it is going away regardless
        }
        try {
            rsp.close();
        } catch (IOException e) {
            // nothing to do
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
