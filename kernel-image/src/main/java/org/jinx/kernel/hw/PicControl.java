package org.jinx.kernel.hw;

import org.jinx.kernel.PortIo;

/**
 * The kernel's side of the two cascaded 8259A interrupt controllers of the PC, programmed
 * through {@link PortIo} with the datasheet's initialization and operation command words.
 * IRQ 0-7 arrive on the master, IRQ 8-15 on the slave, whose INT output is master IR2.
 *
 * <p>The kernel keeps its own copy of both mask registers (OCW1) so that masking one line is one
 * OUT, not a read-modify-write on the chip.
 */
public final class PicControl {
    public static final int MASTER_CMD = 0x20, MASTER_DATA = 0x21;
    public static final int SLAVE_CMD = 0xA0, SLAVE_DATA = 0xA1;
    /** The master's input the slave is wired to. */
    public static final int CASCADE_IRQ = 2;
    public static final int NR_IRQS = 16;

    /** ICW1: edge triggered, cascade mode, ICW4 needed. */
    private static final int ICW1_INIT = 0x11;
    /** ICW4: 8086/88 mode, normal EOI. */
    private static final int ICW4_8086 = 0x01;
    /** OCW2: non-specific end of interrupt. */
    private static final int OCW2_EOI = 0x20;
    /** OCW3: the next read of the command port returns the in-service register. */
    private static final int OCW3_READ_ISR = 0x0B;

    private final PortIo io;
    /** Bit n set: IRQ n is masked. */
    private int mask = 0xFFFF;

    public PicControl(PortIo io) {
        this.io = io;
    }

    /**
     * ICW1-4 to both chips: IRQ 0-7 at {@code masterBase}, IRQ 8-15 at {@code slaveBase}, the
     * slave on IR2. Every line starts masked except the cascade, so nothing reaches the CPU
     * until someone asks for it.
     */
    public void init(int masterBase, int slaveBase) {
        io.outb(MASTER_CMD, ICW1_INIT);
        io.outb(MASTER_DATA, masterBase);
        io.outb(MASTER_DATA, 1 << CASCADE_IRQ);   // ICW3 master: a slave on IR2
        io.outb(MASTER_DATA, ICW4_8086);
        io.outb(SLAVE_CMD, ICW1_INIT);
        io.outb(SLAVE_DATA, slaveBase);
        io.outb(SLAVE_DATA, CASCADE_IRQ);         // ICW3 slave: its identity on the cascade
        io.outb(SLAVE_DATA, ICW4_8086);
        mask = 0xFFFF & ~(1 << CASCADE_IRQ);
        writeMasks();
    }

    public void mask(int irq) {
        setMasked(irq, true);
    }

    public void unmask(int irq) {
        setMasked(irq, false);
    }

    public boolean isMasked(int irq) {
        return (mask >>> irq & 1) != 0;
    }

    private void setMasked(int irq, boolean masked) {
        checkIrq(irq);
        int m = masked ? mask | 1 << irq : mask & ~(1 << irq);
        if (m == mask) {
            return;
        }
        mask = m;
        if (irq < 8) {
            io.outb(MASTER_DATA, mask);
        } else {
            io.outb(SLAVE_DATA, mask >>> 8);
        }
    }

    /** Ends the interrupt in service: the slave too for IRQ 8-15, since both chips hold it. */
    public void eoi(int irq) {
        checkIrq(irq);
        if (irq >= 8) {
            io.outb(SLAVE_CMD, OCW2_EOI);
        }
        io.outb(MASTER_CMD, OCW2_EOI);
    }

    /**
     * True if IRQ 7 or 15 came from a line that dropped before the acknowledge: the chip then
     * answers with its lowest-priority vector but sets no in-service bit, and no EOI is owed
     * (a spurious IRQ 15 still set IR2's bit on the master, which does need one).
     */
    public boolean isSpurious(int irq) {
        if (irq != 7 && irq != 15) {
            return false;
        }
        int cmd = irq == 7 ? MASTER_CMD : SLAVE_CMD;
        io.outb(cmd, OCW3_READ_ISR);
        boolean inService = (io.inb(cmd) & 0x80) != 0;
        if (!inService && irq == 15) {
            io.outb(MASTER_CMD, OCW2_EOI);
        }
        return !inService;
    }

    private void writeMasks() {
        io.outb(MASTER_DATA, mask);
        io.outb(SLAVE_DATA, mask >>> 8);
    }

    private static void checkIrq(int irq) {
        if (irq < 0 || irq >= NR_IRQS) {
            throw new IllegalArgumentException("IRQ " + irq);
        }
    }
}
