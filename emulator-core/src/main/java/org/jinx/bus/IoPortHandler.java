package org.jinx.bus;

/**
 * A device's side of a claimed I/O port range. The device decodes {@code port - base} itself;
 * the board chooses the base. {@code size} is 1, 2 or 4 bytes.
 */
public interface IoPortHandler {
    int read(int port, int size);

    void write(int port, int size, int value);
}
