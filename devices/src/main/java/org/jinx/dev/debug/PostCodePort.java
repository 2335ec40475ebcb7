package org.jinx.dev.debug;

import java.util.function.Consumer;
import org.jinx.bus.IoPortHandler;

/**
 * A POST-code card: every byte written is reported as a line {@code POST xx} (two hex digits).
 * PC firmware writes its progress to port 0x80; CPU test ROMs often use another port (0x190),
 * so the board may register one instance at several ports. A read returns the last code, as the
 * latch on such a card holds it.
 */
public final class PostCodePort implements IoPortHandler {
    /** The traditional POST port of PC firmware. */
    public static final int PORT = 0x80;

    private final Consumer<String> sink;
    private int last = 0xFF;

    /** {@code sink} receives one line per code, without a line terminator. */
    public PostCodePort(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public int read(int port, int size) {
        return size == 1 ? last : size == 2 ? 0xFF00 | last : 0xFFFFFF00 | last;
    }

    @Override
    public void write(int port, int size, int value) {
        // A wider OUT reaches the following ports with its upper bytes; the card shows the low one.
        last = value & 0xFF;
        sink.accept(String.format("POST %02X", last));
    }

    /** The last code written (0xFF before any). */
    public int lastCode() {
        return last;
    }
}
