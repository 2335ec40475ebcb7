package org.jinx.dev.debug;

import java.util.function.IntConsumer;
import org.jinx.bus.IoPortHandler;

/**
 * QEMU's isa-debug-exit: a write of value v to any of its ports ends the emulator with exit
 * status (v << 1) | 1, so a guest can report a result but can never produce status 0 (which
 * stays free to mean the emulator itself succeeded). The board decides what "exit" means by
 * the callback it passes, normally {@code Machine::requestExit}.
 */
public final class ExitPort implements IoPortHandler {
    /** Where QEMU test setups usually put it (iobase=0xf4, iosize=0x04). */
    public static final int PORT = 0xF4;
    public static final int SIZE = 4;

    private final IntConsumer exit;
    private int lastValue = -1;
    private boolean written;

    public ExitPort(IntConsumer exit) {
        this.exit = exit;
    }

    /** The status a write of {@code value} asks for. */
    public static int statusFor(int value) {
        return value << 1 | 1;
    }

    @Override
    public int read(int port, int size) {
        return 0; // the device has no readable register
    }

    @Override
    public void write(int port, int size, int value) {
        int v = size == 1 ? value & 0xFF : size == 2 ? value & 0xFFFF : value;
        lastValue = v;
        written = true;
        exit.accept(statusFor(v));
    }

    /** True once the guest has written; {@link #lastValue} is then the value it wrote. */
    public boolean written() {
        return written;
    }

    public int lastValue() {
        return lastValue;
    }
}
