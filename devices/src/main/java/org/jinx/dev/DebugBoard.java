package org.jinx.dev;

import java.io.OutputStream;
import java.util.function.Consumer;
import org.jinx.Machine;
import org.jinx.dev.debug.DebugConsolePort;
import org.jinx.dev.debug.ExitPort;
import org.jinx.dev.debug.PostCodePort;

/**
 * The smallest board: a machine with only the debug ports a test or benchmark image talks to,
 * at the addresses QEMU and Bochs use, so one image runs unchanged under all three. Text on
 * 0xE9, POST codes on 0x80 and optionally one more port, exit through 0xF4-0xF7.
 */
public final class DebugBoard {
    /** Pass as {@code extraPostPort} when only port 0x80 should report POST codes. */
    public static final int NO_EXTRA_POST_PORT = -1;

    public final Machine machine;
    public final DebugConsolePort console;
    public final PostCodePort post;
    public final ExitPort exit;

    public DebugBoard(Machine machine, OutputStream consoleSink, Consumer<String> postSink, int extraPostPort) {
        if (extraPostPort != NO_EXTRA_POST_PORT && (extraPostPort < 0 || extraPostPort > 0xFFFF)) {
            throw new IllegalArgumentException(String.format("POST port 0x%X is outside the I/O space", extraPostPort));
        }
        this.machine = machine;
        console = new DebugConsolePort(consoleSink);
        post = new PostCodePort(postSink);
        exit = new ExitPort(machine::requestExit);
        machine.io.register(DebugConsolePort.PORT, 1, console, "debug console");
        machine.io.register(PostCodePort.PORT, 1, post, "POST codes");
        if (extraPostPort != NO_EXTRA_POST_PORT && extraPostPort != PostCodePort.PORT) {
            machine.io.register(extraPostPort, 1, post, "POST codes");
        }
        machine.io.register(ExitPort.PORT, ExitPort.SIZE, exit, "debug exit");
    }
}
