package org.jinx.bus;

/**
 * The CPU's view of its interrupt controller: the INTR pin and the INTA cycle.
 */
public interface InterruptController {
    InterruptController NONE = new InterruptController() {
        @Override
        public boolean intrPending() {
            return false;
        }

        @Override
        public int acknowledge() {
            return 0;
        }
    };

    /** Level of the INTR pin. */
    boolean intrPending();

    /** The interrupt-acknowledge cycle: returns the vector and updates the controller. */
    int acknowledge();
}
