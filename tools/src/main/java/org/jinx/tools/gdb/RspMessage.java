package org.jinx.tools.gdb;

import java.nio.charset.StandardCharsets;

/** What {@link RspFrameDecoder} finds in the byte stream from gdb. */
public sealed interface RspMessage {
    /** {@code +}: the last packet arrived intact. */
    record Ack() implements RspMessage {
    }

    /** {@code -}: the last packet arrived damaged; send it again. */
    record Nack() implements RspMessage {
    }

    /** The raw byte 0x03 outside a packet: gdb's Ctrl-C. */
    record Interrupt() implements RspMessage {
    }

    /**
     * A {@code $...#cc} packet, its data already unescaped and run-length expanded.
     * {@code checksumOk} is false when the checksum did not match; the data is then not to be used.
     */
    record Packet(byte[] data, boolean checksumOk) implements RspMessage {
        /** The data as text, one char per byte (ISO-8859-1), so binary payloads survive. */
        public String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    /** A packet that could not be framed (too long, or its run-length encoding was invalid). */
    record Malformed(String why) implements RspMessage {
    }

    Ack ACK = new Ack();
    Nack NACK = new Nack();
    Interrupt INTERRUPT = new Interrupt();
}
