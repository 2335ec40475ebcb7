package org.jinx.cpu;

import org.jinx.bus.InterruptController;

/** An interrupt controller for tests that raises INTR once with one vector. */
public final class OneShotInterrupt implements InterruptController {
    private final int vector;
    private boolean pending = true;

    public OneShotInterrupt(int vector) {
        this.vector = vector;
    }

    @Override
    public boolean intrPending() {
        return pending;
    }

    @Override
    public int acknowledge() {
        pending = false;
        return vector;
    }
}
