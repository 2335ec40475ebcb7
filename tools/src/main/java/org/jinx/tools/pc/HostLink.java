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
 * <p>Unless the run is deterministic, this is also where an idle guest is held back to host
 * time: a halted CPU jumps straight to the next timer deadline, so without a brake a guest
 * waiting for a key would race through its clock ticks in no host time at all. When the CPU is
 * halted at a tick and virtual time is ahead of host time since the guest last ran, the
 * emulator thread sleeps until the host catches up, so the guest's clock and timeouts run at a
 * person's pace. A busy guest is never slowed down: its virtual time is its cycle count, and a
 * benchmark runs as fast as the host allows. A deterministic run never looks at the host clock
 * for anything that reaches the guest.
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
    private boolean displayClosed;

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
                displayClosed = true;
                machine.interrupt();
            }
        }
        if (paced) {
            pace();
        }
        timer.scheduleIn(machine.clock.nanosToCycles(PERIOD_NANOS));
    }

    private void pace() {
        if (machine.cpu.state != org.jinx.cpu.Cpu.State.HALTED) {
            hostStart = System.nanoTime(); // busy: no brake, and idle time is counted from here
            virtualStart = machine.clock.nanos();
            return;
        }
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

    /** Whether the run was stopped because the user closed the display window. */
    public boolean displayClosed() {
        return displayClosed;
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
