package org.jinx.tools.pc;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The serial line on the terminal: what the guest sends goes to stdout, what is typed (or piped)
 * on stdin goes to the guest. One daemon thread per process reads {@code System.in} and hands
 * the bytes to the serial line in use, so runs in the same JVM never race for input; any other
 * input stream gets a reader thread of its own.
 */
public final class StdioSerial extends HostSerial {
    private static volatile StdioSerial current;
    private static Thread reader;

    private final PrintStream out;

    public StdioSerial(PrintStream out, InputStream in) {
        this.out = out;
        if (in == System.in) {
            current = this;
            startSharedReader();
        } else {
            Thread t = new Thread(() -> copy(in, this), "jinx-serial-input");
            t.setDaemon(true);
            t.start();
        }
    }

    private static synchronized void startSharedReader() {
        if (reader != null) {
            return;
        }
        reader = new Thread(() -> copy(System.in, null), "jinx-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** Reads until end of input, handing the bytes to {@code to} (or to the current line when null). */
    private static void copy(InputStream in, StdioSerial to) {
        byte[] buf = new byte[256];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                StdioSerial s = to != null ? to : current;
                if (s != null) {
                    s.arrived(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // input closed: nothing more arrives
        }
    }

    @Override
    public void transmit(int b) {
        out.write(b);
        if (b == '\n') {
            out.flush();
        }
    }

    @Override
    protected void flushOutput() {
        out.flush();
    }

    @Override
    public void close() {
        super.close();
        if (current == this) {
            current = null;
        }
    }
}
