package org.jinx.tools.pc;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.jinx.dev.uart.SerialEndpoint;

/**
 * A serial line to something on the host. Bytes from the host arrive on some other thread and
 * wait in a queue; {@link #pump} runs on the emulator thread (from {@link HostLink}) and rings
 * the UART's doorbell when bytes are waiting, so the UART only ever sees them on its own thread.
 */
public abstract class HostSerial implements SerialEndpoint, AutoCloseable {
    private final ConcurrentLinkedQueue<Byte> inbox = new ConcurrentLinkedQueue<>();
    private Runnable doorbell = () -> { };

    /** Called from any thread: bytes the host sent toward the guest. */
    protected final void arrived(byte[] bytes, int off, int len) {
        for (int i = 0; i < len; i++) {
            inbox.add(bytes[off + i]);
        }
    }

    @Override
    public final int receive() {
        Byte b = inbox.poll();
        return b == null ? -1 : b & 0xFF;
    }

    @Override
    public final void connect(Runnable dataAvailable) {
        doorbell = dataAvailable;
    }

    /** Emulator thread: tells the UART about waiting input and lets output go out. */
    public void pump() {
        if (!inbox.isEmpty()) {
            doorbell.run();
        }
        flushOutput();
    }

    /** Pushes buffered output to the host (called at least every few milliseconds of virtual time). */
    protected void flushOutput() {
    }

    @Override
    public void close() {
        flushOutput();
    }

    /** Nothing attached: output vanishes, nothing arrives. */
    public static HostSerial none() {
        return new HostSerial() {
            @Override
            public void transmit(int b) {
            }
        };
    }
}
