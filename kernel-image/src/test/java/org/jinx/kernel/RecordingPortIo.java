package org.jinx.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A port space for tests: records every access in order and answers reads from a table. */
public final class RecordingPortIo implements PortIo {
    /** One access: "out 0x20,1 <- 0x11" or "in 0x60,1". */
    public final List<String> accesses = new ArrayList<>();
    private final Map<Integer, Integer> values = new HashMap<>();

    /** What a read of {@code port} returns (all ones if never set). */
    public RecordingPortIo answer(int port, int value) {
        values.put(port, value);
        return this;
    }

    @Override
    public int in(int port, int size) {
        accesses.add(String.format("in 0x%x,%d", port, size));
        int ones = size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        return values.getOrDefault(port, ones) & ones;
    }

    @Override
    public void out(int port, int size, int value) {
        accesses.add(String.format("out 0x%x,%d <- 0x%x", port, size, value));
    }

    public void clear() {
        accesses.clear();
    }
}
