package org.jinx.tools.gdb;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Frames the stub's replies: {@code $data#cc}. {@code $ # } *} in the data are escaped as
 * {@code }} and the byte XOR 0x20 ({@code *} too, so gdb never takes data for run-length
 * encoding); the checksum is the sum mod 256 of the bytes as transmitted, after escaping.
 */
final class RspWire {
    static final byte[] ACK = {'+'};
    static final byte[] NACK = {'-'};

    private RspWire() {
    }

    /** {@code data} holds one byte per char (ISO-8859-1). */
    static byte[] frame(String data) {
        byte[] in = data.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[in.length * 2 + 4];
        int n = 0;
        int sum = 0;
        out[n++] = '$';
        for (byte b : in) {
            if (b == '$' || b == '#' || b == '}' || b == '*') {
                out[n++] = '}';
                sum += '}';
                b ^= 0x20;
            }
            out[n++] = b;
            sum += b & 0xFF;
        }
        out[n++] = '#';
        out[n++] = (byte) Character.forDigit(sum >> 4 & 0xF, 16);
        out[n++] = (byte) Character.forDigit(sum & 0xF, 16);
        return java.util.Arrays.copyOf(out, n);
    }

    static ByteBuf frameBuf(String data) {
        return Unpooled.wrappedBuffer(frame(data));
    }
}
