package org.jinx.tools.gdb;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Splits gdb's byte stream into {@link RspMessage}s (gdb-rsp.md section 1):
 * <pre>
 *   +            ack                  -             nack
 *   0x03         interrupt (Ctrl-C)   $data#cc      packet, cc = sum of data bytes mod 256, hex
 *   }x           in data: the byte x ^ 0x20        c*N  in data: c repeated N-29 more times
 * </pre>
 * Bytes outside a packet that are none of these are dropped. A {@code $} inside a packet
 * starts a new one (the earlier one was cut short), which is how the stream resynchronises
 * after garbage. A packet longer than {@link #MAX_RAW} bytes is dropped as malformed.
 */
public final class RspFrameDecoder extends ByteToMessageDecoder {
    /** The largest packet data the stub accepts, as advertised in qSupported (PacketSize, hex). */
    public static final int PACKET_SIZE = 0x4000;
    /** Raw (escaped) data may be up to twice as long as the data it carries. */
    static final int MAX_RAW = 2 * PACKET_SIZE + 64;

    private enum State { IDLE, DATA, CHECKSUM1, CHECKSUM2 }

    private State state = State.IDLE;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private int sum;
    private int checksumHigh;
    private boolean overflow;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int b = in.readByte() & 0xFF;
            switch (state) {
                case IDLE -> idle(b, out);
                case DATA -> data(b);
                case CHECKSUM1 -> {
                    checksumHigh = hexValue(b);
                    state = State.CHECKSUM2;
                }
                case CHECKSUM2 -> {
                    int low = hexValue(b);
                    boolean ok = checksumHigh >= 0 && low >= 0 && (checksumHigh << 4 | low) == sum;
                    out.add(finish(ok));
                    state = State.IDLE;
                }
            }
        }
    }

    private void idle(int b, List<Object> out) {
        switch (b) {
            case '+' -> out.add(RspMessage.ACK);
            case '-' -> out.add(RspMessage.NACK);
            case 0x03 -> out.add(RspMessage.INTERRUPT);
            case '$' -> startPacket();
            default -> {
                // Garbage between packets (line noise, a client speaking another protocol): drop it.
            }
        }
    }

    private void data(int b) {
        if (b == '$') {
            startPacket();
        } else if (b == '#') {
            state = State.CHECKSUM1;
        } else {
            sum = (sum + b) & 0xFF;
            if (raw.size() < MAX_RAW) {
                raw.write(b);
            } else {
                overflow = true;
            }
        }
    }

    private void startPacket() {
        raw.reset();
        sum = 0;
        overflow = false;
        state = State.DATA;
    }

    private RspMessage finish(boolean checksumOk) {
        if (overflow) {
            return new RspMessage.Malformed("packet longer than " + MAX_RAW + " bytes");
        }
        byte[] expanded = expandRunLength(raw.toByteArray());
        if (expanded == null) {
            return new RspMessage.Malformed("bad run-length encoding");
        }
        return new RspMessage.Packet(unescape(expanded), checksumOk);
    }

    /**
     * Expands {@code c*N} (N a printable byte: c repeats N-29 more times) over the raw data,
     * before unescaping, as gdb applies it to the transmitted form. An escaped {@code *} is data.
     * Returns null for a {@code *} with nothing before it or a count below 29.
     */
    static byte[] expandRunLength(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int last = -1;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (b == '}' && i + 1 < in.length) {
                out.write(b);
                last = in[++i];
                out.write(last);
            } else if (b == '*') {
                if (last < 0 || i + 1 >= in.length) {
                    return null;
                }
                int repeat = (in[++i] & 0xFF) - 29;
                if (repeat < 0 || out.size() + repeat > MAX_RAW) {
                    return null;
                }
                for (int k = 0; k < repeat; k++) {
                    out.write(last);
                }
            } else {
                out.write(b);
                last = b;
            }
        }
        return out.toByteArray();
    }

    /** Undoes {@code }x} escapes: the byte after the escape character is XORed with 0x20. */
    static byte[] unescape(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '}' && i + 1 < in.length) {
                out.write(in[++i] ^ 0x20);
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static int hexValue(int c) {
        return Character.digit(c, 16);
    }
}
