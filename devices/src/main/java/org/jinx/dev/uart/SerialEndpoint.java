package org.jinx.dev.uart;

/**
 * What is on the other end of a UART's serial line: a terminal, a socket, a file. Real backends
 * (stdio, TCP, file) live in tools; {@link #NULL} and {@link MemorySerialEndpoint} live here.
 *
 * <p>All three calls happen on the emulator thread. A backend that reads the host on another
 * thread queues the bytes and rings the doorbell from the emulator thread.
 */
public interface SerialEndpoint {
    /** A byte the UART has finished shifting out. */
    void transmit(int b);

    /** Takes the next byte waiting for the UART, or -1 when none is waiting. */
    int receive();

    /** Gives the endpoint the UART's doorbell, to ring when bytes become available. */
    void connect(Runnable dataAvailable);

    /** No cable: output vanishes, nothing arrives. */
    SerialEndpoint NULL = new SerialEndpoint() {
        @Override
        public void transmit(int b) {
        }

        @Override
        public int receive() {
            return -1;
        }

        @Override
        public void connect(Runnable dataAvailable) {
        }
    };
}
