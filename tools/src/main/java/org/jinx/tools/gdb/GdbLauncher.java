package org.jinx.tools.gdb;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import org.jinx.Machine;
import org.jinx.debug.MachineDebugTarget;
import org.jinx.kernel.boot.HostedSystem;
import org.jinx.kernel.debug.HostedDebugTarget;
import org.jinx.tools.cli.CliError;
import org.jinx.tools.cli.ExitStatus;
import org.jinx.tools.cli.PcRunner;

/**
 * {@code jinx pc --gdb [HOST:]PORT [--wait-gdb]}: runs a loaded PC-mode machine under the gdb
 * stub; {@code jinx boot --module ... --gdb [HOST:]PORT [--wait-gdb]} does the same for the
 * hosted system, whose processes gdb sees as threads. The guest runs on the calling thread; the
 * stub's Netty thread controls it. With {@code --wait-gdb} the guest starts stopped until gdb
 * continues it (QEMU's -S).
 */
public final class GdbLauncher {
    public static final String DEFAULT_HOST = "127.0.0.1";

    private GdbLauncher() {
    }

    /** A listening address: {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}. */
    public record Address(String host, int port) {
        public static Address parse(String spec) {
            String host = DEFAULT_HOST;
            String port = spec;
            int colon = spec.lastIndexOf(':');
            if (colon >= 0) {
                host = spec.substring(0, colon);
                port = spec.substring(colon + 1);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                if (host.isEmpty()) {
                    host = DEFAULT_HOST;
                }
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > 65535) {
                throw new CliError(ExitStatus.USAGE, "--gdb: '" + spec + "' is not [HOST:]PORT with a port from 0 to 65535");
            }
            return new Address(host, p);
        }
    }

    public static PcRunner.Outcome run(PcRunner runner, Address a, boolean waitForGdb, PrintStream err) {
        MachineDebugTarget target = new MachineDebugTarget(runner.machine, waitForGdb);
        GdbServer server = new GdbServer(target, err);
        try {
            listen(server, a, waitForGdb, err, runner::abandon);
            PcRunner.Outcome o = runner.run(limit -> {
                Machine.StopReason r = target.runGuest(limit);
                if (target.wasKilled()) {
                    // Report it as an exit with Jinx's own status for a kill, so no other message is printed.
                    runner.machine.requestExit(ExitStatus.KILLED);
                    return Machine.StopReason.EXIT_REQUESTED;
                }
                return r;
            });
            if (target.wasKilled()) {
                err.println("jinx: killed by gdb");
            }
            return o;
        } finally {
            server.close();
        }
    }

    /** How a hosted run under the stub ended, and whether gdb's kill ended it. */
    public record HostedRun(HostedSystem.Outcome outcome, boolean killed) {
    }

    /**
     * Runs a booted hosted system under the stub. The stub starts listening once the first
     * process is on the CPU, so a debugger that connects at once sees it there.
     */
    public static HostedRun runHosted(HostedSystem sys, long maxInstructions, Address a, boolean waitForGdb, PrintStream err) {
        HostedDebugTarget target = new HostedDebugTarget(sys.machine, sys.kernel, waitForGdb);
        GdbServer server = new GdbServer(target, err);
        try {
            HostedSystem.Outcome o = sys.run(maxInstructions, limit -> {
                listen(server, a, waitForGdb, err, () -> { });
                return target.runGuest(limit);
            });
            if (target.wasKilled()) {
                err.println("jinx: killed by gdb");
            }
            return new HostedRun(o, target.wasKilled());
        } finally {
            server.close();
        }
    }

    /** Binds the server and says where; a failure to bind is a usage error, after {@code cleanUp}. */
    private static void listen(GdbServer server, Address a, boolean waitForGdb, PrintStream err, Runnable cleanUp) {
        InetSocketAddress bound;
        try {
            bound = server.start(a.host(), a.port());
        } catch (IOException e) {
            cleanUp.run();
            throw new CliError(ExitStatus.USAGE, "--gdb: cannot listen on " + a.host() + ":" + a.port() + ": " + e.getMessage());
        }
        err.printf("jinx: gdb stub listening on %s:%d%s%n", bound.getHostString(), bound.getPort(),
                waitForGdb ? "; the guest waits for gdb to continue" : "");
        err.flush();
    }
}
