package org.jinx.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.jinx.boot.BootException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code jinx} command. Every way a command can fail ends here as one line on stderr,
 * {@code jinx: <message>}, and a non-zero status from {@link ExitStatus}; a Java stack trace is
 * printed only with {@code --debug} or {@code JINX_DEBUG=1}.
 */
@Command(name = "jinx",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "An i386 system emulator with a Java-hosted MINIX-style microkernel.",
        subcommands = {PcCommand.class, BootCommand.class, BenchIpcCommand.class, DisasmCommand.class, LockstepCommand.class,
            BenchCommand.class},
        footer = {"", "Exit status:",
            "  0   success",
            "  2   usage error (unknown option, missing or conflicting arguments)",
            "  4   unusable input (missing file, wrong ROM size, not a multiboot kernel)",
            "  6   triple fault",
            "  8   CPU halted with nothing to wake it",
            "  10  --max-instructions reached",
            "  12  --timeout reached",
            "  14  gdb killed the guest (jinx pc --gdb)",
            "  odd the guest wrote v to port 0xF4: status v*2+1 (as QEMU's isa-debug-exit)",
            "", "Run 'jinx boot' to see the emulator work; the user guide is docs/usage.md."})
public final class Main implements Runnable {
    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    private final boolean debug;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print Java stack traces for errors (also JINX_DEBUG=1).")
    boolean debugOption;

    Main(InputStream in, PrintStream out, PrintStream err, boolean debug) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.debug = debug;
    }

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(System.out::flush, "jinx-flush"));
        System.exit(run(args, System.in, System.out, System.err, System.getenv("JINX_DEBUG")));
    }

    /** Runs one command line with no standard input (the guest's serial line reads nothing). */
    public static int run(String[] args, PrintStream out, PrintStream err, String debugEnv) {
        return run(args, InputStream.nullInputStream(), out, err, debugEnv);
    }

    /** Runs one command line with the given streams and returns the exit status; never throws. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, String debugEnv) {
        boolean debug = "1".equals(debugEnv) || "true".equalsIgnoreCase(debugEnv) || debugFlag(args);
        Main main = new Main(in, out, err, debug);
        try {
            CommandLine cl = new CommandLine(main);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            cl.setParameterExceptionHandler(Main::usageError);
            cl.setExecutionExceptionHandler((ex, c, parsed) -> main.failure(ex, c));
            return cl.execute(args);
        } catch (Throwable t) {
            return main.failure(t, null);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code --debug} anywhere before a {@code --} end-of-options marker. */
    private static boolean debugFlag(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        // "jinx" alone: show what there is to run
        spec.commandLine().usage(err);
        throw new CliError(ExitStatus.USAGE, "no command given");
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        PrintWriter w = c.getErr();
        w.println("jinx: " + ex.getMessage());
        w.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        w.flush();
        return ExitStatus.USAGE;
    }

    /** Turns anything thrown by a command into its one-line message and status. */
    private int failure(Throwable t, CommandLine c) {
        if (t instanceof ParameterException) {
            return usageError((ParameterException) t, null);
        }
        out.flush();
        int status;
        String message;
        if (t instanceof CliError) {
            status = ((CliError) t).status;
            message = t.getMessage();
        } else if (t instanceof BootException) {
            status = ExitStatus.BAD_INPUT;
            message = t.getMessage();
        } else if (t instanceof UncheckedIOException || t instanceof IOException) {
            status = ExitStatus.BAD_INPUT;
            Throwable cause = t instanceof UncheckedIOException ? t.getCause() : t;
            message = t.getMessage() + (cause != t && cause.getMessage() != null ? ": " + cause.getMessage() : "");
        } else if (t instanceof OutOfMemoryError) {
            status = ExitStatus.INTERNAL_ERROR;
            message = "out of Java heap memory (give Java more with -Xmx, or use a smaller --memory)";
        } else {
            status = ExitStatus.INTERNAL_ERROR;
            message = "internal error: " + t + (debug ? "" : " (run with --debug for the stack trace)");
        }
        err.println("jinx: " + message);
        if (debug) {
            t.printStackTrace(err);
        }
        if (status == ExitStatus.USAGE && c != null) {
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return status;
    }

    /** The version from the build, with the Java runtime it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/org/jinx/tools/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {
                "jinx " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
