package org.jinx.tools.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A minimal RSP client over a real socket for tests: every wait is bounded by a timeout. */
final class RawRspClient implements AutoCloseable {
    static final int TIMEOUT_MS = 3000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawRspClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String data) throws IOException {
        sendRaw(RspWire.frame(data));
    }

    /** The next packet's data, skipping acks; null if the stub closed the connection. */
    String reply() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != '$');
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while ((b = in.read()) != '#') {
            if (b < 0) {
                return null;
            }
            data.write(b);
        }
        if (in.read() < 0 || in.read() < 0) {
            return null;
        }
        byte[] raw = data.toByteArray();
        return new String(RspFrameDecoder.unescape(raw), StandardCharsets.ISO_8859_1);
    }

    /** Sends a packet, acknowledges the reply, and returns it. */
    String ask(String data) throws IOException {
        send(data);
        String r = reply();
        sendRaw(new byte[] {'+'});
        return r;
    }

    /** True when the stub closes the connection within the timeout (reads hit end of stream). */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
