package org.jinx.state;

/** A snapshot that cannot be read: missing field, wrong type, newer version, corrupt bytes. */
public final class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }
}
