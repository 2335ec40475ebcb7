package org.jinx.kernel.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jinx.debug.StopEvent;
import org.jinx.kernel.boot.BootImage;
import org.jinx.kernel.boot.HostedSystem;

/**
 * A hosted system booted from packaged programs and run under a {@link HostedDebugTarget} on its
 * own thread, held at the first instruction until the test resumes it. Stops are queued.
 */
final class HostedSystemUnderDebugger implements AutoCloseable {
    final HostedSystem sys;
    final HostedDebugTarget target;
    private final BlockingQueue<StopEvent> stops = new LinkedBlockingQueue<>();
    private final Thread guest;

    /** Each spec is a packaged program's name with its arguments after commas ("ping,2"). */
    HostedSystemUnderDebugger(String... specs) throws Exception {
        sys = HostedSystem.onPc(new HostedSystem.Settings(16 << 20, 33_000_000L, true), text -> { }, line -> { });
        List<BootImage.Module> mods = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(",");
            String[] args = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            mods.add(BootImage.Module.system(parts[0], packaged(parts[0]), args));
        }
        sys.boot(mods);
        target = new HostedDebugTarget(sys.machine, sys.kernel, true);
        target.setStopListener(stops::add);
        CountDownLatch onCpu = new CountDownLatch(1);
        guest = new Thread(() -> sys.run(0, limit -> {
            onCpu.countDown();
            return target.runGuest(limit);
        }), "hosted-guest");
        guest.setDaemon(true);
        guest.start();
        if (!onCpu.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the hosted system did not start");
        }
    }

    static byte[] packaged(String name) {
        try (InputStream in = HostedSystemUnderDebugger.class.getResourceAsStream("/org/jinx/kernel/guest/bin/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalStateException("guest program " + name + " was not built");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next stop, waiting up to ten seconds. */
    StopEvent nextStop() throws InterruptedException {
        StopEvent e = stops.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no stop within 10 s");
        }
        return e;
    }

    int eip() {
        byte[] b = new byte[4];
        if (target.readRegister(8, b, 0) != 4) {
            throw new AssertionError("EIP unreadable");
        }
        return le32(b, 0);
    }

    static int le32(byte[] b, int off) {
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    @Override
    public void close() throws InterruptedException {
        target.kill();
        guest.join(10_000);
    }
}
