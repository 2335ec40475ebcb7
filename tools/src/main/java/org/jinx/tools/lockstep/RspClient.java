package org.jinx.tools.lockstep;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The client end of the GDB Remote Serial Protocol over TCP, blocking and single-threaded:
 * send a packet, wait for its acknowledgement, read the reply. Ack mode only, since QEMU's
 * system stub does not offer no-ack mode. TCP_NODELAY is set on the socket: each step is two
 * tiny request/reply exchanges, and Nagle's algorithm with delayed ACKs would hold each one for
 * tens of milliseconds.
 */
public final class RspClient implements Closeable {
    /** A reply or acknowledgement did not arrive in time. */
    public static final class TimeoutException extends IOException {
        public TimeoutException(String message) {
            super(message);
        }
    }

    /** The stub closed the connection (QEMU does when the guest ends the process). */
    public static final class ClosedException extends IOException {
        public ClosedException(String message) {
            super(message);
        }
    }

    private static final int MAX_RESENDS = 3;
    /** Ctrl-C outside packet framing: asks a running target to stop. */
    private static final int INTERRUPT = 0x03;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int timeoutMs;

    private RspClient(Socket socket, int timeoutMs) throws IOException {
        this(socket, socket.getInputStream(), socket.getOutputStream(), timeoutMs);
    }

    /**
     * A client over plain streams (tests): no socket, so no read timeouts; a read that would
     * block blocks.
     */
    RspClient(InputStream in, OutputStream out) {
        this(null, in, out, 0);
    }

    private RspClient(Socket socket, InputStream in, OutputStream out, int timeoutMs) {
        this.socket = socket;
        this.in = new BufferedInputStream(in);
        this.out = out;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Connects to a stub, retrying until {@code connectWithinMs} has passed (an emulator that was
     * just started may not be listening yet). {@code timeoutMs} bounds every later reply.
     */
    public static RspClient connect(String host, int port, int connectWithinMs, int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + connectWithinMs * 1_000_000L;
        while (true) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), Math.max(1, connectWithinMs));
                s.setSoTimeout(timeoutMs);
                return new RspClient(s, timeoutMs);
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot connect to the gdb stub at " + host + ":" + port + ": " + e.getMessage());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while connecting to " + host + ":" + port);
                }
            }
        }
    }

    /** Sends one packet and returns its reply (the packet data, unescaped). */
    public String request(String data) throws IOException {
        send(data);
        return receive(timeoutMs);
    }

    /** Sends one packet and waits for its {@code +}; resends on {@code -}. */
    public void send(String data) throws IOException {
        byte[] frame = frame(data);
        for (int attempt = 0; ; attempt++) {
            out.write(frame);
            out.flush();
            int c = read();
            if (c == '+') {
                return;
            }
            if (c != '-' || attempt == MAX_RESENDS) {
                throw new IOException("gdb stub did not acknowledge '" + abbreviate(data) + "' (got "
                        + describe(c) + ")");
            }
        }
    }

    /**
     * Reads one packet within {@code waitMs}, acknowledges it and returns its data. Stray
     * acknowledgements before the packet are skipped.
     */
    public String receive(int waitMs) throws IOException {
        setTimeout(waitMs);
        try {
            int c;
            do {
                c = read();
            } while (c != '$');
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int sum = 0;
            while ((c = read()) != '#') {
                sum += c;
                body.write(c);
            }
            int hi = read();
            int lo = read();
            int expected = Integer.parseInt("" + (char) hi + (char) lo, 16);
            if ((sum & 0xFF) != expected) {
                out.write('-');
                out.flush();
                return receive(waitMs);
            }
            out.write('+');
            out.flush();
            return decode(body.toByteArray());
        } catch (NumberFormatException e) {
            throw new IOException("malformed packet checksum from the gdb stub");
        } finally {
            setTimeout(timeoutMs);
        }
    }

    private void setTimeout(int ms) throws IOException {
        if (socket != null) {
            socket.setSoTimeout(ms);
        }
    }

    /** Sends the raw Ctrl-C byte that asks a running target to stop. */
    public void interrupt() throws IOException {
        out.write(INTERRUPT);
        out.flush();
    }

    private int read() throws IOException {
        try {
            int c = in.read();
            if (c < 0) {
                throw new ClosedException("the gdb stub closed the connection");
            }
            return c;
        } catch (SocketTimeoutException e) {
            throw new TimeoutException("no answer from the gdb stub");
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        } else {
            in.close();
            out.close();
        }
    }

    // ------------------------------------------------------------ framing

    /** {@code $data#cs}; the data is sent as is (commands never need escaping here). */
    static byte[] frame(String data) {
        byte[] d = data.getBytes(StandardCharsets.ISO_8859_1);
        byte[] f = new byte[d.length + 4];
        f[0] = '$';
        System.arraycopy(d, 0, f, 1, d.length);
        f[d.length + 1] = '#';
        String cs = String.format("%02x", checksum(d));
        f[d.length + 2] = (byte) cs.charAt(0);
        f[d.length + 3] = (byte) cs.charAt(1);
        return f;
    }

    /** The sum of the bytes between {@code $} and {@code #}, modulo 256. */
    static int checksum(byte[] data) {
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        return sum & 0xFF;
    }

    /**
     * Undoes the two encodings a stub may apply to its packets: {@code }} escapes (the next byte
     * XOR 0x20) and run-length encoding ({@code c*N}: N - 29 more copies of c).
     */
    static String decode(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i] & 0xFF;
            if (c == '}' && i + 1 < raw.length) {
                sb.append((char) ((raw[++i] & 0xFF) ^ 0x20));
            } else if (c == '*' && i + 1 < raw.length && sb.length() > 0) {
                char last = sb.charAt(sb.length() - 1);
                int n = (raw[++i] & 0xFF) - 29;
                for (int k = 0; k < n; k++) {
                    sb.append(last);
                }
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static String describe(int c) {
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
