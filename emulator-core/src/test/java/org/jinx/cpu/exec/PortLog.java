package org.jinx.cpu.exec;

import java.util.ArrayList;
import java.util.List;
import org.jinx.bus.IoPortHandler;

/** A device for I/O tests: reads return 1, 2, 3, ... and count; writes are recorded in order. */
final class PortLog implements IoPortHandler {
    int reads;
    final List<Integer> writes = new ArrayList<>();
    final List<Integer> writeSizes = new ArrayList<>();

    @Override
    public int read(int port, int size) {
        return ++reads;
    }

    @Override
    public void write(int port, int size, int value) {
        writes.add(value);
        writeSizes.add(size);
    }
}
