package org.jinx.state;

/**
 * A device or table whose state can be saved and restored by name. Fields are named and the
 * section carries a version, so a later build can read an older snapshot (a field added in
 * version 2 is read with a default) and refuse a newer one with a clear message.
 */
public interface Snapshottable {
    /** The layout version this build writes. Bump it when a field is added, removed or changes meaning. */
    int stateVersion();

    void saveState(StateWriter w);

    /**
     * Restores the fields. {@code r.version()} is the version the snapshot was written with;
     * {@link StateReader#requireVersion} rejects a newer one.
     */
    void loadState(StateReader r);

    /** Called after every section of a snapshot is loaded: re-arm timers, re-drive output lines. */
    default void postLoad() {
    }
}
