package org.jinx.kernel.hw;

import org.jinx.kernel.PortIo;

/**
 * The kernel's side of the 8254 interval timer: counter 0, whose OUT drives IRQ 0, is set up as
 * a rate generator at the kernel's clock frequency.
 */
public final class PitControl {
    /** The counters' input clock on the PC: 14.31818 MHz / 12. */
    public static final int INPUT_HZ = 1_193_182;
    static final int COUNTER0 = 0x40;
    static final int CONTROL = 0x43;
    /** Control word: counter 0, LSB then MSB, mode 2 (rate generator), binary. */
    private static final int CW_COUNTER0_RATE = 0x34;

    private PitControl() {
    }

    /** The divisor for {@code hz} interrupts per second (rounded to the nearest). */
    public static int divisor(int hz) {
        if (hz < 19 || hz > INPUT_HZ) {
            throw new IllegalArgumentException("the 8254 cannot tick at " + hz + " Hz");
        }
        return (INPUT_HZ + hz / 2) / hz;
    }

    public static void startPeriodic(PortIo io, int hz) {
        int count = divisor(hz);
        io.outb(CONTROL, CW_COUNTER0_RATE);
        io.outb(COUNTER0, count);
        io.outb(COUNTER0, count >>> 8);
    }
}
