package org.jinx.kernel.boot;

import org.jinx.Machine;
import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.dev.pic.I8259;
import org.jinx.time.EventScheduler;

/**
 * The part of the PC board hosted mode needs, for tests until PcPlatform is on main: the 8259
 * pair at 0x20/0xA0 (the real chips) and a stand-in for the 8254's counter 0 at 0x40-0x43 that
 * understands only what the kernel programs, a rate generator, and pulses IRQ 0 at that rate in
 * virtual time.
 */
final class TestBoard {
    private TestBoard() {
    }

    static Machine machine(int ramBytes) {
        Machine m = new Machine(ramBytes, 33_000_000L);
        I8259 master = new I8259("pic-master", IrqLine.NULL);
        I8259 slave = new I8259("pic-slave", high -> master.setInput(2, high));
        master.attachSlave(2, slave);
        m.io.register(0x20, 2, master, "8259A master PIC");
        m.io.register(0xA0, 2, slave, "8259A slave PIC");
        m.cpu.pic = master;
        m.io.register(0x40, 4, new RateGenerator(m, master.input(0)), "counter 0 stand-in");
        return m;
    }

    /** Counter 0 in mode 2: after the control word, LSB then MSB of the count; then it runs. */
    private static final class RateGenerator implements IoPortHandler {
        private final Machine machine;
        private final IrqLine irq0;
        private final EventScheduler.TimerEvent timer;
        private int count;
        private boolean lsbDone;
        private long period;

        RateGenerator(Machine machine, IrqLine irq0) {
            this.machine = machine;
            this.irq0 = irq0;
            this.timer = machine.scheduler.newTimer("counter0", this::expire);
        }

        private void expire() {
            irq0.pulse();
            timer.scheduleIn(period);
        }

        @Override
        public int read(int port, int size) {
            return 0xFF;
        }

        @Override
        public void write(int port, int size, int value) {
            if (port == 0x43) {
                lsbDone = false;
            } else if (port == 0x40 && !lsbDone) {
                count = value & 0xFF;
                lsbDone = true;
            } else if (port == 0x40) {
                count |= (value & 0xFF) << 8;
                period = (long) count * machine.clock.hz() / 1_193_182L;
                timer.scheduleIn(period);
            }
        }
    }
}
