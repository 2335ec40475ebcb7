package org.jinx.dev.debug;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.jinx.bus.IoPortHandler;

/**
 * The Bochs/QEMU debug console ("port E9 hack"): each byte written goes to a host sink, and a
 * read returns 0xE9 so a guest can tell the port is there. Only the low byte of a wider write
 * is a character, as in QEMU's isa-debugcon.
 */
public final class DebugConsolePort implements IoPortHandler {
    /** The port Bochs and QEMU use. */
    public static final int PORT = 0xE9;
    /** What a read returns: Bochs answers with the port number itself. */
    public static final int PRESENCE = 0xE9;

    private final OutputStream sink;
    private long bytesWritten;

    public DebugConsolePort(OutputStream sink) {
        this.sink = sink;
    }

    @Override
    public int read(int port, int size) {
        // Bytes above the first belong to the ports after 0xE9, which nothing claims.
        return size == 1 ? PRESENCE : size == 2 ? 0xFF00 | PRESENCE : 0xFFFFFF00 | PRESENCE;
    }

    @Override
    public void write(int port, int size, int value) {
        try {
            sink.write(value & 0xFF);
            bytesWritten++;
            if ((value & 0xFF) == '\n') {
                sink.flush(); // a line is the unit a person watching the console expects
            }
        } catch (IOException e) {
            throw new UncheckedIOException("debug console output failed", e);
        }
    }

    /** Pushes out a partial last line (at exit, or when the machine stops). */
    public void flush() {
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("debug console output failed", e);
        }
    }

    public long bytesWritten() {
        return bytesWritten;
    }
}
