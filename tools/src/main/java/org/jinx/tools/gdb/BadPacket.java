package org.jinx.tools.gdb;

/** A packet whose syntax is wrong; the dispatcher answers it with E22 (EINVAL, as QEMU). */
final class BadPacket extends RuntimeException {
    BadPacket(String message) {
        super(message, null, false, false);
    }
}
