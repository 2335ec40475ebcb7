package org.jinx.dev.pic;

import org.jinx.bus.InterruptController;
import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;

/**
 * One Intel 8259A programmable interrupt controller, in 8086 mode.
 *
 * <p>Eight request inputs IR0-IR7 feed the interrupt request register (IRR); the interrupt mask
 * register (IMR) hides requests; the in-service register (ISR) holds the levels being served.
 * The priority resolver picks the highest unmasked request that outranks everything in service
 * and drives the INT pin. An INTA cycle ({@link #acknowledge}) moves that request into service
 * and returns its vector; a request that vanished before INTA yields IR7's vector without
 * setting ISR (the datasheet's "default IR7", the spurious interrupt).
 *
 * <p>The chip decodes A0 only: the board places it on an even base, A0 is bit 0 of the port.
 * Every change of state ends with one {@link #updateOutput()}.
 *
 * <p>Edge-triggered inputs latch the rising edge in IRR until INTA. The datasheet asks the
 * request to stay high until INTA, but here INTR is sampled and acknowledged in the same step, so
 * a device may signal an edge with {@link IrqLine#pulse()}. Level-triggered inputs (ICW1 LTIM, or
 * the board's ELCR bit) make IRR follow the pin, so a level request withdrawn before INTA does
 * produce the spurious IR7.
 */
public final class I8259 implements IoPortHandler, InterruptController, Snapshottable {
    private static final int STATE_VERSION = 1;

    /** Where the initialization sequence stands: which ICW the next A0=1 write is. */
    private enum Init { READY, ICW2, ICW3, ICW4 }

    private final String name;
    private final IrqLine intPin;
    private final I8259[] slaves = new I8259[8];

    private int irr;
    private int isr;
    /**
     * The datasheet leaves the chip undefined until ICW1. All levels start masked, so a chip no
     * one has initialized requests nothing (an input that is high at power-on, such as counter
     * 0's OUT, would otherwise reach the CPU as vector 0); ICW1 clears the mask as specified.
     */
    private int imr = 0xFF;
    /** Current levels of IR0-IR7. */
    private int pins;
    /** Edge/level control from the board's ELCR: bit set = level triggered. */
    private int elcr;

    /** The IR level with the highest priority; rotation moves it. IR0 after ICW1. */
    private int highestPriority;
    private int vectorBase;
    private int icw3;
    private int icw4;
    private Init init = Init.READY;
    private boolean needIcw4;
    private boolean single;
    private boolean ltim;
    private boolean autoEoi;
    private boolean rotateInAutoEoi;
    private boolean specialFullyNested;
    private boolean specialMask;
    private boolean readIsr;
    private boolean pollPending;
    /** Level last driven onto the INT pin. */
    private boolean intOut;

    public I8259(String name, IrqLine intPin) {
        this.name = name;
        this.intPin = intPin;
    }

    public String name() {
        return name;
    }

    /** Cascade: {@code slave}'s INT drives input {@code ir}, and INTA for {@code ir} takes the slave's vector. */
    public void attachSlave(int ir, I8259 slave) {
        checkIr(ir);
        slaves[ir] = slave;
    }

    // ---------------------------------------------------------------- inputs

    /** The level of request input IRn. */
    public void setInput(int ir, boolean high) {
        checkIr(ir);
        int bit = 1 << ir;
        boolean was = (pins & bit) != 0;
        pins = high ? pins | bit : pins & ~bit;
        if (levelTriggered(ir)) {
            irr = high ? irr | bit : irr & ~bit;
        } else if (high && !was) {
            irr |= bit;
        }
        updateOutput();
    }

    /** An {@link IrqLine} for input IRn, for the board to hand to a device. */
    public IrqLine input(int ir) {
        checkIr(ir);
        return high -> setInput(ir, high);
    }

    public int elcr() {
        return elcr;
    }

    /** Sets the edge/level control bits (already filtered by the board's per-chip mask). */
    public void setElcr(int value) {
        elcr = value & 0xFF;
        int level = levelMask();
        irr = (irr & ~level) | (pins & level);
        updateOutput();
    }

    private boolean levelTriggered(int ir) {
        return ltim || (elcr >> ir & 1) != 0;
    }

    private int levelMask() {
        return ltim ? 0xFF : elcr;
    }

    // ---------------------------------------------------------------- priority resolver

    /** Rank of IRn: 0 is the highest priority, 7 the lowest. */
    private int rank(int ir) {
        return (ir - highestPriority) & 7;
    }

    /** The highest-priority level whose bit is set in {@code mask}, or -1. */
    private int highest(int mask) {
        if ((mask & 0xFF) == 0) {
            return -1;
        }
        for (int i = 0; i < 8; i++) {
            int ir = (highestPriority + i) & 7;
            if ((mask >> ir & 1) != 0) {
                return ir;
            }
        }
        return -1;
    }

    /** The request the resolver would present now, or -1. */
    private int pendingIrq() {
        int request = highest(irr & ~imr);
        if (request < 0) {
            return -1;
        }
        // In special mask mode a masked level in service no longer holds back other levels.
        int inService = specialMask ? isr & ~imr : isr;
        int current = highest(inService);
        if (current >= 0) {
            if (rank(current) < rank(request)) {
                return -1;
            }
            // Special fully nested mode: a slave already in service may still pass up a
            // higher-priority request of its own through the same master input.
            if (current == request && !(specialFullyNested && slaves[request] != null && !single)) {
                return -1;
            }
        }
        return request;
    }

    /** Re-evaluates the priority resolver and drives INT; called after every change of state. */
    public void updateOutput() {
        boolean out = pendingIrq() >= 0;
        if (out != intOut) {
            intOut = out;
            intPin.setLevel(out);
        }
    }

    // ---------------------------------------------------------------- CPU side

    @Override
    public boolean intrPending() {
        return intOut;
    }

    @Override
    public int acknowledge() {
        int ir = pendingIrq();
        if (ir < 0) {
            return vectorBase | 7; // the request went away: default IR7, ISR untouched
        }
        takeIntoService(ir);
        int vector = cascades(ir) ? slaves[ir].acknowledge() : vectorBase | ir;
        // INT falls during the INTA cycle; re-evaluating afterwards gives a cascaded master a
        // fresh edge on its input if the slave still has a request waiting.
        intOut = false;
        intPin.setLevel(false);
        updateOutput();
        return vector;
    }

    private boolean cascades(int ir) {
        return !single && slaves[ir] != null;
    }

    private void takeIntoService(int ir) {
        int bit = 1 << ir;
        if (!levelTriggered(ir)) {
            irr &= ~bit; // a level request stays in IRR while the pin is high
        }
        if (autoEoi) {
            if (rotateInAutoEoi) {
                highestPriority = (ir + 1) & 7;
            }
        } else {
            isr |= bit;
        }
    }

    /** The poll word: bit 7 set if a request is waiting, bits 2-0 its level; acts as INTA. */
    private int poll() {
        int ir = pendingIrq();
        if (ir < 0) {
            return 0;
        }
        takeIntoService(ir);
        updateOutput();
        return 0x80 | ir;
    }

    // ---------------------------------------------------------------- ports

    @Override
    public int read(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= readByte((port + i) & 1) << (8 * i);
        }
        return v;
    }

    private int readByte(int a0) {
        if (pollPending) {
            pollPending = false;
            return poll();
        }
        if (a0 == 1) {
            return imr;
        }
        return readIsr ? isr : irr;
    }

    @Override
    public void write(int port, int size, int value) {
        for (int i = 0; i < size; i++) {
            writeByte((port + i) & 1, value >>> (8 * i) & 0xFF);
        }
    }

    private void writeByte(int a0, int v) {
        if (a0 == 0) {
            if ((v & 0x10) != 0) {
                icw1(v);
            } else if ((v & 0x08) != 0) {
                ocw3(v);
            } else {
                ocw2(v);
            }
            return;
        }
        switch (init) {
            case ICW2 -> {
                vectorBase = v & 0xF8; // T7-T3; in 8086 mode the low bits come from the IR level
                init = single ? (needIcw4 ? Init.ICW4 : Init.READY) : Init.ICW3;
            }
            case ICW3 -> {
                icw3 = v; // the board wires the cascade itself; kept for dump and state
                init = needIcw4 ? Init.ICW4 : Init.READY;
            }
            case ICW4 -> {
                icw4 = v;
                autoEoi = (v & 0x02) != 0;
                specialFullyNested = (v & 0x10) != 0;
                init = Init.READY;
            }
            case READY -> {
                imr = v; // OCW1
                updateOutput();
            }
        }
    }

    /**
     * ICW1 starts initialization: the edge sense circuit is reset (an input already high must go
     * low and high again), IMR is cleared, IR7 gets the lowest priority, special mask mode is
     * cleared and the status read selects IRR. The datasheet does not say what happens to ISR;
     * it is cleared here so a re-initialized chip starts with nothing in service.
     */
    private void icw1(int v) {
        needIcw4 = (v & 0x01) != 0;
        single = (v & 0x02) != 0;
        ltim = (v & 0x08) != 0;
        init = Init.ICW2;
        imr = 0;
        isr = 0;
        irr = pins & levelMask();
        highestPriority = 0;
        specialMask = false;
        readIsr = false;
        pollPending = false;
        rotateInAutoEoi = false;
        if (!needIcw4) {
            // ICW4 functions are zero. Zero µPM would select MCS-80/85 mode, which a PC cannot
            // use; the chip stays in 8086 mode.
            icw4 = 0;
            autoEoi = false;
            specialFullyNested = false;
        }
        updateOutput();
    }

    /** OCW2: the R, SL and EOI bits select the command, L2-L0 the level. */
    private void ocw2(int v) {
        int level = v & 7;
        switch (v >>> 5) {
            case 0 -> rotateInAutoEoi = false;
            case 4 -> rotateInAutoEoi = true;
            case 1, 5 -> { // non-specific EOI, optionally rotating
                int ir = highest(isr);
                if (ir >= 0) {
                    isr &= ~(1 << ir);
                    if (v >>> 5 == 5) {
                        highestPriority = (ir + 1) & 7;
                    }
                }
            }
            case 3 -> isr &= ~(1 << level); // specific EOI
            case 7 -> { // rotate on specific EOI
                isr &= ~(1 << level);
                highestPriority = (level + 1) & 7;
            }
            case 6 -> highestPriority = (level + 1) & 7; // set priority: L becomes the lowest
            default -> { } // 2: no operation
        }
        updateOutput();
    }

    /** OCW3: ESMM/SMM, the poll command, RR/RIS. */
    private void ocw3(int v) {
        if ((v & 0x04) != 0) {
            pollPending = true;
        }
        if ((v & 0x02) != 0) {
            readIsr = (v & 0x01) != 0;
        }
        if ((v & 0x40) != 0) {
            specialMask = (v & 0x20) != 0;
        }
        updateOutput();
    }

    private static void checkIr(int ir) {
        if (ir < 0 || ir > 7) {
            throw new IllegalArgumentException("8259 input out of range: " + ir);
        }
    }

    // ---------------------------------------------------------------- observation

    public int irr() {
        return irr;
    }

    public int isr() {
        return isr;
    }

    public int imr() {
        return imr;
    }

    public int vectorBase() {
        return vectorBase;
    }

    /** One line for the console's {@code info pic}. */
    public String dump() {
        return String.format("%s: IRR=%02X ISR=%02X IMR=%02X pins=%02X ELCR=%02X INT=%d base=%02X highest=IR%d%s%s%s%s%s",
                name, irr, isr, imr, pins, elcr, intOut ? 1 : 0, vectorBase, highestPriority,
                ltim ? " LTIM" : "", autoEoi ? " AEOI" : "", rotateInAutoEoi ? " rotate-AEOI" : "",
                specialMask ? " SMM" : "", specialFullyNested ? " SFNM" : "")
                + (init != Init.READY ? " (awaiting " + init + ")" : "");
    }

    // ---------------------------------------------------------------- state

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        w.putInt("irr", irr).putInt("isr", isr).putInt("imr", imr).putInt("pins", pins).putInt("elcr", elcr)
                .putInt("highestPriority", highestPriority).putInt("vectorBase", vectorBase)
                .putInt("icw3", icw3).putInt("icw4", icw4).putString("init", init.name())
                .putBoolean("needIcw4", needIcw4).putBoolean("single", single).putBoolean("ltim", ltim)
                .putBoolean("autoEoi", autoEoi).putBoolean("rotateInAutoEoi", rotateInAutoEoi)
                .putBoolean("specialFullyNested", specialFullyNested).putBoolean("specialMask", specialMask)
                .putBoolean("readIsr", readIsr).putBoolean("pollPending", pollPending)
                .putBoolean("intOut", intOut);
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        irr = r.getInt("irr") & 0xFF;
        isr = r.getInt("isr") & 0xFF;
        imr = r.getInt("imr") & 0xFF;
        pins = r.getInt("pins") & 0xFF;
        elcr = r.getInt("elcr") & 0xFF;
        highestPriority = r.getInt("highestPriority") & 7;
        vectorBase = r.getInt("vectorBase") & 0xF8;
        icw3 = r.getInt("icw3") & 0xFF;
        icw4 = r.getInt("icw4") & 0xFF;
        try {
            init = Init.valueOf(r.getString("init"));
        } catch (IllegalArgumentException e) {
            throw new org.jinx.state.StateException(r.section() + ": bad init state " + r.getString("init"));
        }
        needIcw4 = r.getBoolean("needIcw4");
        single = r.getBoolean("single");
        ltim = r.getBoolean("ltim");
        autoEoi = r.getBoolean("autoEoi");
        rotateInAutoEoi = r.getBoolean("rotateInAutoEoi");
        specialFullyNested = r.getBoolean("specialFullyNested");
        specialMask = r.getBoolean("specialMask");
        readIsr = r.getBoolean("readIsr");
        pollPending = r.getBoolean("pollPending");
        intOut = r.getBoolean("intOut");
    }

    /** Drives the INT pin to the restored level so a cascaded master sees it. */
    @Override
    public void postLoad() {
        intPin.setLevel(intOut);
    }
}
