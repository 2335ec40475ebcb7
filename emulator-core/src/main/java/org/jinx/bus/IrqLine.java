package org.jinx.bus;

/** One interrupt wire. Devices own their output lines; the board connects them. */
@FunctionalInterface
public interface IrqLine {
    IrqLine NULL = level -> { };

    void setLevel(boolean high);

    /** An edge for edge-triggered inputs: high, then low. */
    default void pulse() {
        setLevel(true);
        setLevel(false);
    }
}
