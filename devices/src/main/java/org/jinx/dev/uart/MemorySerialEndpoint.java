package org.jinx.dev.uart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** A serial line to memory: bytes fed in are received by the UART, bytes sent are collected. */
public final class MemorySerialEndpoint implements SerialEndpoint {
    private final ArrayDeque<Integer> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Runnable doorbell = () -> { };

    @Override
    public void transmit(int b) {
        output.write(b);
    }

    @Override
    public int receive() {
        Integer b = input.poll();
        return b == null ? -1 : b;
    }

    @Override
    public void connect(Runnable dataAvailable) {
        doorbell = dataAvailable;
    }

    /** Queues bytes for the UART to receive and rings its doorbell. */
    public void feed(byte[] bytes) {
        for (byte b : bytes) {
            input.add(b & 0xFF);
        }
        doorbell.run();
    }

    public void feed(String text) {
        feed(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Bytes still waiting to be received. */
    public int pending() {
        return input.size();
    }

    public byte[] output() {
        return output.toByteArray();
    }

    public String outputText() {
        return output.toString(StandardCharsets.ISO_8859_1);
    }
}
