package org.jinx.tools.gdb;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import org.jinx.Machine;
import org.jinx.debug.MachineDebugTarget;
import org.jinx.tools.cli.CliError;
import org.jinx.tools.cli.ExitStatus;
import org.jinx.tools.cli.PcRunner;

/**
 * {@code jinx pc --gdb [HOST:]PORT [--wait-gdb]}: runs a loaded PC-mode machine under the gdb
 * stub. The guest runs on the calling thread; the stub's Netty thread controls it. With
 * {@code --wait-gdb} the guest starts stopped until gdb continues it (QEMU's -S).
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
        InetSocketAddress bound;
        try {
            bound = server.start(a.host(), a.port());
        } catch (IOException e) {
            runner.abandon();
            throw new CliError(ExitStatus.USAGE, "--gdb: cannot listen on " + a.host() + ":" + a.port() + ": " + e.getMessage());
        }
        try {
            err.printf("jinx: gdb stub listening on %s:%d%s%n", bound.getHostString(), bound.getPort(),
                    waitForGdb ? "; the guest waits for gdb to continue" : "");
            err.flush();
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
}
