package org.jinx.bus;

import java.util.ArrayList;
import java.util.List;

/**
 * The 64 K I/O port space. Claims are exclusive and named, so a conflict can name both owners;
 * a read of an unclaimed port returns all ones, as an open ISA bus does.
 */
public final class IoPortBus {
    private final IoPortHandler[] handlers = new IoPortHandler[65536];
    private final String[] owners = new String[65536];

    /** Raised when two devices claim the same port. */
    public static final class PortConflictException extends RuntimeException {
        public PortConflictException(String message) {
            super(message);
        }
    }

    public void register(int base, int count, IoPortHandler handler, String owner) {
        for (int p = base; p < base + count; p++) {
            if (handlers[p & 0xFFFF] != null) {
                throw new PortConflictException(String.format(
                        "I/O port 0x%04X is claimed by both %s and %s", p & 0xFFFF, owners[p & 0xFFFF], owner));
            }
        }
        for (int p = base; p < base + count; p++) {
            handlers[p & 0xFFFF] = handler;
            owners[p & 0xFFFF] = owner;
        }
    }

    public void unregister(int base, int count) {
        for (int p = base; p < base + count; p++) {
            handlers[p & 0xFFFF] = null;
            owners[p & 0xFFFF] = null;
        }
    }

    public String owner(int port) {
        return owners[port & 0xFFFF];
    }

    public int in(int port, int size) {
        IoPortHandler h = handlers[port & 0xFFFF];
        if (h == null) {
            return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        }
        return h.read(port & 0xFFFF, size);
    }

    public void out(int port, int size, int value) {
        IoPortHandler h = handlers[port & 0xFFFF];
        if (h != null) {
            h.write(port & 0xFFFF, size, value);
        }
    }

    /** One line per claimed range, for the console's {@code info ports}. */
    public List<String> dump() {
        List<String> lines = new ArrayList<>();
        int p = 0;
        while (p < 65536) {
            if (owners[p] == null) {
                p++;
                continue;
            }
            int start = p;
            String o = owners[p];
            while (p < 65536 && o.equals(owners[p])) {
                p++;
            }
            lines.add(String.format("%04X-%04X %s", start, p - 1, o));
        }
        return lines;
    }
}
