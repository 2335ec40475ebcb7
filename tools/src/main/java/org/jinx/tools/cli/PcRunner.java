package org.jinx.tools.cli;

import java.io.PrintStream;
import org.jinx.Machine;
import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;
import org.jinx.dev.DebugBoard;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.debug.ExitPort;

/**
 * One run of PC mode: a PC ({@link PcPlatform}: PIC, PIT, RTC, UARTs, keyboard controller, VGA,
 * ATA) with the debug ports beside it ({@link DebugBoard}), loaded by the caller, run until the
 * guest exits or something stops it, and the way it stopped turned into an exit status and,
 * where the user needs one, a message. The guest's console (port 0xE9) goes to {@code out};
 * POST codes, messages and statistics go to {@code err}.
 */
public final class PcRunner {
    /** Settings shared by {@code jinx pc} and {@code jinx boot}. */
    public record Settings(int memoryBytes, int cpuMhz, int extraPostPort, long maxInstructions, double timeoutSeconds,
            boolean stats) {
    }

    /** How a run ended. {@code guestValue} is meaningful only when the guest wrote the exit port. */
    public record Outcome(Machine.StopReason reason, int status, boolean guestExited, int guestValue) {
    }

    public final Machine machine;
    public final PcPlatform platform;
    public final DebugBoard board;
    private final Settings settings;
    private final PrintStream err;

    public PcRunner(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.err = err;
        machine = newMachine(settings);
        platform = new PcPlatform(machine);
        try {
            board = new DebugBoard(machine, out, err::println, settings.extraPostPort());
        } catch (IoPortBus.PortConflictException e) {
            throw new CliError(ExitStatus.USAGE, "--post-port: " + e.getMessage());
        }
    }

    private static Machine newMachine(Settings s) {
        try {
            return new Machine(s.memoryBytes(), s.cpuMhz() * 1_000_000L);
        } catch (OutOfMemoryError e) {
            throw new CliError(ExitStatus.BAD_INPUT, String.format(
                    "%d MiB of guest RAM do not fit in the Java heap: use a smaller --memory or give Java more (-Xmx)",
                    s.memoryBytes() >> 20));
        }
    }

    /** Runs the loaded machine to its end and reports how it ended. */
    public Outcome run() {
        return run(machine::run);
    }

    /** The same with another run loop (the gdb stub's), given the instruction limit (0 = none). */
    public Outcome run(java.util.function.LongFunction<Machine.StopReason> loop) {
        Thread watchdog = startWatchdog();
        long t0 = System.nanoTime();
        Machine.StopReason reason;
        try {
            reason = loop.apply(settings.maxInstructions());
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
        long hostNanos = System.nanoTime() - t0;
        board.console.flush();
        Outcome o = outcome(reason);
        if (settings.stats()) {
            printStats(hostNanos);
        }
        return o;
    }

    /**
     * {@code --timeout}: host time, not guest time, because what it guards against is a run that
     * never ends for the person waiting, including one where every instruction faults (a fault
     * retires no instruction, so --max-instructions cannot catch that).
     */
    private Thread startWatchdog() {
        if (settings.timeoutSeconds() <= 0) {
            return null;
        }
        long millis = Math.max(1, (long) (settings.timeoutSeconds() * 1000));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                machine.interrupt();
            } catch (InterruptedException e) {
                // the run ended first
            }
        }, "jinx-timeout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Outcome outcome(Machine.StopReason reason) {
        Cpu cpu = machine.cpu;
        switch (reason) {
            case EXIT_REQUESTED:
                return new Outcome(reason, machine.exitStatus() & 0xFF, board.exit.written(), board.exit.lastValue());
            case SHUTDOWN:
                err.println("jinx: triple fault: " + (cpu.shutdownReason != null ? cpu.shutdownReason : "CPU shutdown"));
                err.print(cpu.dump());
                return new Outcome(reason, ExitStatus.TRIPLE_FAULT, false, 0);
            case HALTED_FOREVER:
                err.printf("jinx: the CPU halted at %04X:%08X with %s; nothing can wake it%n",
                        cpu.seg[Cpu.CS].selector, cpu.eip,
                        cpu.ifFlag() ? "no interrupt source armed" : "interrupts disabled (HLT with IF=0)");
                return new Outcome(reason, ExitStatus.HALTED, false, 0);
            case INSTRUCTION_LIMIT:
                err.printf("jinx: stopped after %d instructions (--max-instructions) at %04X:%08X%n",
                        settings.maxInstructions(), cpu.seg[Cpu.CS].selector, cpu.eip);
                return new Outcome(reason, ExitStatus.INSTRUCTION_LIMIT, false, 0);
            default:
                err.printf("jinx: stopped after %s s (--timeout) at %04X:%08X%n",
                        new java.math.BigDecimal(settings.timeoutSeconds()).stripTrailingZeros().toPlainString(),
                        cpu.seg[Cpu.CS].selector, cpu.eip);
                return new Outcome(reason, ExitStatus.TIMEOUT, false, 0);
        }
    }

    private void printStats(long hostNanos) {
        Cpu cpu = machine.cpu;
        double hostSeconds = hostNanos / 1e9;
        double mips = hostNanos > 0 ? cpu.instructions * 1e3 / hostNanos : 0;
        err.println("jinx: stats");
        err.printf("  instructions  %,d%n", cpu.instructions);
        err.printf("  cycles        %,d%n", machine.clock.cycles());
        err.printf("  host time     %.3f s (%.2f MIPS)%n", hostSeconds, mips);
        err.printf("  virtual time  %.6f s at %d MHz%n", machine.clock.nanos() / 1e9, settings.cpuMhz());
    }

    /** The status QEMU would give for a guest exit value, for messages and documentation. */
    public static int guestStatus(int value) {
        return ExitPort.statusFor(value) & 0xFF;
    }
}
