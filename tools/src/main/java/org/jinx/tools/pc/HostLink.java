package org.jinx.tools.pc;

import java.util.List;
import org.jinx.Machine;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.display.Display;
import org.jinx.dev.display.ScreenRenderer;
import org.jinx.time.EventScheduler;

/**
 * Where the host meets the machine, every {@link #PERIOD_NANOS} of virtual time, on the
 * emulator thread: serial input is handed to the UARTs, output is pushed out, keys from the
 * display reach the keyboard, and the display gets a new frame (at most 60 a second of host
 * time).
 *
 * <p>Unless the run is deterministic, this is also where virtual time is held back to host
 * time: when the guest is ahead (an idle guest halts through whole timer periods in no host
 * time at all), the emulator thread sleeps until the host catches up, so a guest's clock and
 * its timeouts run at the speed a person expects. A deterministic run never looks at the host
 * clock for anything that reaches the guest.
 */
public final class HostLink {
    public static final long PERIOD_NANOS = 10_000_000L;
    private static final long FRAME_NANOS = 16_000_000L;

    private final Machine machine;
    private final PcPlatform pc;
    private final List<HostSerial> serials;
    private final Display display;
    private final ScreenRenderer renderer;
    private final boolean paced;
    private final EventScheduler.TimerEvent timer;
    private long hostStart;
    private long virtualStart;
    private long lastFrame;

    public HostLink(PcPlatform pc, List<HostSerial> serials, Display display, boolean deterministic) {
        this.machine = pc.machine;
        this.pc = pc;
        this.serials = serials;
        this.display = display;
        this.renderer = display == Display.NULL ? null : new ScreenRenderer(pc.vga);
        this.paced = !deterministic;
        this.timer = machine.scheduler.newTimer("host link", this::tick);
    }

    public void start() {
        hostStart = System.nanoTime();
        virtualStart = machine.clock.nanos();
        lastFrame = hostStart - FRAME_NANOS;
        timer.scheduleIn(machine.clock.nanosToCycles(PERIOD_NANOS));
    }

    private void tick() {
        for (HostSerial s : serials) {
            s.pump();
        }
        if (renderer != null) {
            display.pollKeys(pc.kbc.keyboard()::key);
            long now = System.nanoTime();
            if (now - lastFrame >= FRAME_NANOS) {
                lastFrame = now;
                display.show(renderer.render(), ScreenRenderer.WIDTH, ScreenRenderer.HEIGHT);
            }
            if (display.closed()) {
                machine.interrupt();
            }
        }
        if (paced) {
            pace();
        }
        timer.scheduleIn(machine.clock.nanosToCycles(PERIOD_NANOS));
    }

    private void pace() {
        long ahead = (machine.clock.nanos() - virtualStart) - (System.nanoTime() - hostStart);
        if (ahead > 1_000_000L) {
            try {
                Thread.sleep(Math.min(ahead, 50_000_000L) / 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                machine.interrupt();
            }
        } else if (ahead < -500_000_000L) {
            // the emulator fell far behind (slow host, a debugger stop): do not rush to catch up
            hostStart = System.nanoTime();
            virtualStart = machine.clock.nanos();
        }
    }

    /** The last frame and output, when the run ends. */
    public void finish() {
        pc.com1.drainTransmitter();
        pc.com2.drainTransmitter();
        for (HostSerial s : serials) {
            s.pump();
        }
        if (renderer != null) {
            display.show(renderer.render(), ScreenRenderer.WIDTH, ScreenRenderer.HEIGHT);
        }
    }
}
