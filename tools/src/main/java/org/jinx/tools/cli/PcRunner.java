package org.jinx.tools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.bios.Bios;
import org.jinx.dev.bios.BiosDrives;
import org.jinx.dev.debug.ExitPort;
import org.jinx.dev.display.Display;
import org.jinx.dev.uart.SerialEndpoint;
import org.jinx.tools.pc.FileDisk;
import org.jinx.tools.pc.HostLink;
import org.jinx.tools.pc.HostSerial;

/**
 * One run of PC mode: a PC ({@link PcPlatform}: PIC, PIT, RTC, UARTs, keyboard controller, VGA,
 * ATA, debug ports) with what the command line attached to it (disks, serial lines, display),
 * loaded by the caller or booted by the built-in BIOS, run until the guest exits or something
 * stops it, and the way it stopped turned into an exit status and, where the user needs one, a
 * message. The guest's console (port 0xE9) goes to {@code out}; POST codes, BIOS messages and
 * statistics go to {@code err}. Disks are flushed and closed, serial lines closed, when the run
 * ends however it ends.
 */
public final class PcRunner {
    /** Settings shared by {@code jinx pc} and {@code jinx boot}. */
    public record Settings(int memoryBytes, int cpuMhz, int extraPostPort, long maxInstructions, double timeoutSeconds,
            boolean stats) {
    }

    /**
     * What is attached to the board. Nulls mean nothing attached. {@code hda} and {@code hdb} are
     * the primary ATA channel's master and slave, {@code hdc} and {@code hdd} the secondary's.
     * {@code builtInBios} installs the Java BIOS, which boots {@code fda} or {@code hda}.
     */
    public record Devices(boolean deterministic, HostSerial com1, HostSerial com2, FileDisk hda, FileDisk hdb,
            FileDisk hdc, FileDisk hdd, FileDisk fda, Display display, boolean builtInBios) {
        /** The board without disks on the secondary channel. */
        public Devices(boolean deterministic, HostSerial com1, HostSerial com2, FileDisk hda, FileDisk hdb,
                FileDisk fda, Display display, boolean builtInBios) {
            this(deterministic, com1, com2, hda, hdb, null, null, fda, display, builtInBios);
        }

        /** A bare board: nothing attached, host time paces the guest. */
        public static Devices none() {
            return new Devices(false, null, null, null, null, null, Display.NULL, false);
        }

        List<AutoCloseable> resources() {
            List<AutoCloseable> r = new ArrayList<>();
            for (AutoCloseable c : new AutoCloseable[] {com1, com2, hda, hdb, hdc, hdd, fda}) {
                if (c != null) {
                    r.add(c);
                }
            }
            if (display != null && display != Display.NULL) {
                r.add(display::close);
            }
            return r;
        }
    }

    /** How a run ended. {@code guestValue} is meaningful only when the guest wrote the exit port. */
    public record Outcome(Machine.StopReason reason, int status, boolean guestExited, int guestValue) {
    }

    public final Machine machine;
    public final PcPlatform platform;
    private final Settings settings;
    private final Devices devices;
    private final PrintStream err;
    private final HostLink link;

    public PcRunner(Settings settings, PrintStream out, PrintStream err) {
        this(settings, Devices.none(), out, err);
    }

    public PcRunner(Settings settings, Devices devices, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.devices = devices;
        this.err = err;
        try {
            machine = newMachine(settings);
            PcPlatform.Options options = PcPlatform.Options.defaults()
                    .withDeterministic(devices.deterministic())
                    .withSerial(orNull(devices.com1()), orNull(devices.com2()))
                    .withAtaDisks(devices.hda(), devices.hdb())
                    .withSecondaryAtaDisks(devices.hdc(), devices.hdd())
                    .withDisks(new int[] {devices.hda() != null ? 47 : 0, devices.hdb() != null ? 47 : 0},
                            new int[] {devices.fda() != null ? floppyType(devices.fda()) : 0, 0})
                    .withDebugPorts(new PcPlatform.DebugPorts(out, err::println, settings.extraPostPort()));
            try {
                platform = new PcPlatform(machine, options);
            } catch (IoPortBus.PortConflictException e) {
                String m = e.getMessage();
                throw new CliError(ExitStatus.USAGE, (m.contains("POST codes") ? "--post-port: " : "the board cannot be built: ") + m);
            }
            if (devices.builtInBios()) {
                BiosDrives drives;
                try {
                    drives = BiosDrives.of(devices.fda(), devices.hda(), devices.hdb());
                } catch (IllegalArgumentException e) {
                    throw new CliError(ExitStatus.BAD_INPUT, "--fda: " + e.getMessage());
                }
                new Bios(platform, drives, line -> err.println("jinx: bios: " + line));
            }
            List<HostSerial> serials = new ArrayList<>();
            if (devices.com1() != null) {
                serials.add(devices.com1());
            }
            if (devices.com2() != null) {
                serials.add(devices.com2());
            }
            link = new HostLink(platform, serials, devices.display() == null ? Display.NULL : devices.display(),
                    devices.deterministic());
        } catch (RuntimeException | Error e) {
            closeAll();
            throw e;
        }
    }

    private static SerialEndpoint orNull(HostSerial s) {
        return s == null ? SerialEndpoint.NULL : s;
    }

    /** The CMOS type of the diskette drive an image needs: 1.44 MB (4) or 2.88 MB (5) drives read the smaller ones. */
    private static int floppyType(FileDisk d) {
        return d.sectors() > 2880 ? 5 : 4;
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

    /** Gives up before running: closes what is attached. */
    public void abandon() {
        closeAll();
    }

    /** Closes disks (flushing them), serial lines and the display; reports what could not be closed. */
    private void closeAll() {
        for (AutoCloseable c : devices.resources()) {
            try {
                c.close();
            } catch (Exception e) {
                err.println("jinx: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            }
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
            link.start();
            reason = loop.apply(settings.maxInstructions());
            link.finish();
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
            platform.debugConsole.flush();
            closeAll();
        }
        long hostNanos = System.nanoTime() - t0;
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
                return new Outcome(reason, machine.exitStatus() & 0xFF, platform.exit.written(),
                        platform.exit.lastValue());
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
                if (link.displayClosed()) {
                    err.println("jinx: the display window was closed");
                    return new Outcome(reason, ExitStatus.INTERRUPTED, false, 0);
                }
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
