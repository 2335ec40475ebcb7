package org.jinx.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import org.jinx.boot.BootException;
import org.jinx.kernel.boot.BootImage;
import org.jinx.kernel.boot.HostedSystem;
import org.jinx.tools.gdb.GdbLauncher;

/**
 * {@code jinx boot --module ...}: hosted mode. Each module spec is {@code [user:]ELF[,ARG...]}:
 * an ELF file (or the name of a program packaged with the kernel: ping, pong, bench_client,
 * bench_server), its arguments after commas, and an optional {@code user:} prefix for the user
 * privileges (SENDREC only, no kernel calls) instead of a system process's. Modules take the
 * boot endpoints in order: the first is endpoint 0, the second 1, and so on.
 *
 * <p>What the system processes print (SYS_DIAGCTL, or port 0xE9 through SYS_DEVIO) goes to
 * stdout as it comes; the kernel's own messages go to stderr.
 */
final class HostedBoot {
    private static final String PACKAGED = "/org/jinx/kernel/guest/bin/";

    private final PrintStream out;
    private final PrintStream err;

    HostedBoot(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Parses "[user:]ELF[,ARG...]". */
    static BootImage.Module module(String spec) {
        boolean user = spec.startsWith("user:");
        String rest = user ? spec.substring(5) : spec;
        List<String> parts = Arrays.asList(rest.split(",", -1));
        String file = parts.get(0);
        if (file.isEmpty()) {
            throw new CliError(ExitStatus.USAGE, "--module '" + spec + "': no ELF file named");
        }
        List<String> args = parts.subList(1, parts.size());
        return new BootImage.Module(file, read(file), args, user);
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            try (InputStream in = HostedBoot.class.getResourceAsStream(PACKAGED + file + ".elf")) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (IOException ignored) {
                // fall through to the error below
            }
            throw new CliError(ExitStatus.BAD_INPUT, "--module: no such file: " + file);
        } catch (IOException e) {
            throw new CliError(ExitStatus.BAD_INPUT, "--module: cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Boots and runs the modules. Exit status: 0 when every system module ended with status 0
     * (or the system asked to halt or power off); the first failing module's status v as v*2+1,
     * like a guest's write to port 0xF4; 8 when no process can ever run again; 10 and 12 for
     * the instruction and time limits.
     */
    int run(List<String> specs, int memory, int cpuMhz, boolean deterministic, long maxInstructions, double timeout,
            boolean stats) {
        return run(specs, memory, cpuMhz, deterministic, maxInstructions, timeout, stats, null, false);
    }

    /** The same, under the gdb stub when {@code gdb} is not null (the processes are gdb's threads). */
    int run(List<String> specs, int memory, int cpuMhz, boolean deterministic, long maxInstructions, double timeout,
            boolean stats, GdbLauncher.Address gdb, boolean waitGdb) {
        List<BootImage.Module> modules = new ArrayList<>();
        for (String s : specs) {
            modules.add(module(s));
        }
        HostedSystem sys = HostedSystem.onPc(new HostedSystem.Settings(memory, cpuMhz * 1_000_000L, deterministic),
                text -> {
                    out.print(text);
                    out.flush();
                }, line -> err.println("kernel: " + line));
        try {
            sys.boot(modules);
        } catch (BootException e) {
            throw new CliError(ExitStatus.BAD_INPUT, e.getMessage());
        }
        Timer timer = null;
        if (timeout > 0) {
            timer = new Timer("jinx-timeout", true);
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    sys.machine.interrupt();
                }
            }, (long) (timeout * 1000));
        }
        long t0 = System.nanoTime();
        HostedSystem.Outcome o;
        boolean killed = false;
        try {
            if (gdb != null) {
                GdbLauncher.HostedRun r = GdbLauncher.runHosted(sys, maxInstructions, gdb, waitGdb, err);
                o = r.outcome();
                killed = r.killed();
            } else {
                o = sys.run(maxInstructions);
            }
        } finally {
            if (timer != null) {
                timer.cancel(); // also when the stub cannot listen
            }
        }
        long nanos = System.nanoTime() - t0;
        if (stats) {
            err.printf("jinx: %d instructions, %d clock ticks, %.3f s emulated, %.3f s host%n", o.instructions(),
                    o.ticks(), sys.machine.clock.nanos() / 1e9, nanos / 1e9);
        }
        return killed ? ExitStatus.KILLED : status(o);
    }

    private int status(HostedSystem.Outcome o) {
        return switch (o.end()) {
            case ALL_EXITED -> {
                int v = o.firstFailure();
                if (v != 0) {
                    err.println("jinx: module exit statuses " + o.statuses());
                }
                yield v == 0 ? ExitStatus.OK : (v & 0x7FFFFFFF) << 1 | 1;
            }
            case SHUTDOWN -> o.shutdownHow() == 2 ? 3 : ExitStatus.OK;   // RBT_PANIC: as a guest's status 1
            case STUCK -> {
                err.println("jinx: nothing can run any more; the processes are:");
                err.print(o.processes());
                yield ExitStatus.HALTED;
            }
            case INSTRUCTION_LIMIT -> ExitStatus.INSTRUCTION_LIMIT;
            case MACHINE_STOPPED -> ExitStatus.INTERRUPTED;
        };
    }
}
