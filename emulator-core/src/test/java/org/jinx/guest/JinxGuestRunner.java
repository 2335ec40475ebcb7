package org.jinx.guest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Timer;
import java.util.TimerTask;
import org.jinx.Machine;
import org.jinx.bus.IoPortHandler;
import org.jinx.mem.RomRegion;
import org.jinx.time.EventScheduler;

/**
 * Runs a guest ROM on a bare Jinx machine the way QEMU runs it with {@code -bios}: the image
 * at 0xF0000 and at 0xFFFF0000, text from port 0xE9 collected, and a write of v to port 0xF4
 * ending the run with status (v << 1) | 1 as QEMU's isa-debug-exit does.
 */
final class JinxGuestRunner {
    static final int RAM_BYTES = 4 << 20;
    static final long CPU_HZ = 33_000_000L;
    static final int DEBUGCON_PORT = 0xE9;
    static final int EXIT_PORT = 0xF4;
    /** Far above what any program needs (each runs well under a million instructions). */
    static final long MAX_INSTRUCTIONS = 20_000_000L;
    static final long MAX_CYCLES = 400_000_000L;
    static final long WALL_CLOCK_LIMIT_MS = 30_000;
    /**
     * A fault does not retire an instruction, so a guest caught in a loop of exceptions makes
     * cycles but no instructions. Every PROGRESS_TICK cycles at least MIN_PROGRESS must retire;
     * even a long REP string instruction retires thousands per million cycles.
     */
    static final long PROGRESS_TICK = 1_000_000L;
    static final long MIN_PROGRESS = 1_000L;

    /** What a run produced. {@code exitStatus} is meaningful only when the guest asked to exit. */
    record Result(String output, Machine.StopReason stopReason, int exitStatus, String note, String cpuDump) {
        boolean exited() {
            return stopReason == Machine.StopReason.EXIT_REQUESTED;
        }

        /** The outcome in one line, for assertion messages. */
        String describe() {
            return exited() ? "exit status " + exitStatus : "stopped: " + stopReason + note;
        }
    }

    private JinxGuestRunner() {
    }

    static Result run(byte[] rom) {
        Machine machine = new Machine(RAM_BYTES, CPU_HZ);
        machine.mem.map(0x000F0000, rom.length, new RomRegion(rom, 0x000F0000));
        machine.mem.map(0xFFFF0000, rom.length, new RomRegion(rom, 0xFFFF0000));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        machine.io.register(DEBUGCON_PORT, 1, new IoPortHandler() {
            @Override
            public int read(int port, int size) {
                return 0xE9; // what QEMU's debugcon answers, so a guest can probe for it
            }

            @Override
            public void write(int port, int size, int value) {
                text.write(value & 0xFF);
            }
        }, "test debug console");
        machine.io.register(EXIT_PORT, 1, new IoPortHandler() {
            @Override
            public int read(int port, int size) {
                return 0xFF;
            }

            @Override
            public void write(int port, int size, int value) {
                int v = size == 1 ? value & 0xFF : size == 2 ? value & 0xFFFF : value;
                machine.requestExit((v << 1) | 1);
            }
        }, "test exit port");
        String[] note = {""};
        machine.scheduler.newTimer("guest cycle budget", () -> {
            note[0] = " (cycle budget of " + MAX_CYCLES + " used up)";
            machine.interrupt();
        }).scheduleAt(MAX_CYCLES);
        long[] retiredAtLastTick = {0};
        EventScheduler.TimerEvent[] progress = new EventScheduler.TimerEvent[1];
        progress[0] = machine.scheduler.newTimer("guest progress", () -> {
            if (machine.cpu.instructions - retiredAtLastTick[0] < MIN_PROGRESS) {
                note[0] = " (fewer than " + MIN_PROGRESS + " instructions retired in " + PROGRESS_TICK
                        + " cycles: a loop of exceptions?)";
                machine.interrupt();
            } else {
                retiredAtLastTick[0] = machine.cpu.instructions;
                progress[0].scheduleIn(PROGRESS_TICK);
            }
        });
        progress[0].scheduleAt(PROGRESS_TICK);
        machine.cpu.reset();

        Timer watchdog = new Timer("guest watchdog", true);
        watchdog.schedule(new TimerTask() {
            @Override
            public void run() {
                note[0] = " (wall-clock limit of " + WALL_CLOCK_LIMIT_MS + " ms)";
                machine.interrupt();
            }
        }, WALL_CLOCK_LIMIT_MS);
        Machine.StopReason reason;
        try {
            reason = machine.run(MAX_INSTRUCTIONS);
        } finally {
            watchdog.cancel();
        }
        String dump = machine.cpu.dump();
        if (machine.cpu.shutdownReason != null) {
            dump += "shutdown: " + machine.cpu.shutdownReason + System.lineSeparator();
        }
        return new Result(text.toString(StandardCharsets.ISO_8859_1), reason, machine.exitStatus(), note[0], dump);
    }
}
