package org.jinx.dev.uart;

import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateException;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;
import org.jinx.time.EventScheduler;
import org.jinx.time.VirtualClock;

/**
 * The National Semiconductor NS16550A UART: eight registers at offsets 0-7 (RBR/THR/DLL,
 * IER/DLM, IIR/FCR, LCR, MCR, LSR, MSR, SCR), 16-byte receive and transmit FIFOs, and the
 * interrupt priorities of the datasheet.
 *
 * <p>Timing model: one character occupies the line for (start + data + parity + stop) bits, at
 * divisor × 16 clocks of the 1.8432 MHz crystal per bit, counted in virtual time. The
 * transmitter moves a byte from the THR/FIFO into its shift register as soon as the register is
 * free, and the byte reaches the endpoint (or, in loopback, the receiver) one character time
 * later. A byte from the endpoint is likewise shifted in over one character time. The endpoint
 * is treated as a sender that waits while the receive FIFO is full (no host byte is lost);
 * loopback traffic can overrun, as on the chip.
 *
 * <p>The modem inputs are those of a connected terminal (CTS, DSR and DCD high, RI low) until
 * loopback connects them to DTR, RTS, OUT1 and OUT2. On the PC, OUT2 enables the IRQ buffer, so
 * the IRQ line is the chip's interrupt AND OUT2; in loopback the OUT2 pin is forced inactive and
 * the IRQ line stays low, although the interrupt logic and IIR work as usual.
 */
public final class Ns16550 implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;
    public static final long XTAL_HZ = 1_843_200L;

    static final int IER_RDA = 0x01, IER_THRE = 0x02, IER_RLS = 0x04, IER_MS = 0x08;
    static final int IIR_NONE = 0x01, IIR_RLS = 0x06, IIR_RDA = 0x04, IIR_TIMEOUT = 0x0C, IIR_THRE = 0x02, IIR_MS = 0x00;
    static final int LCR_DLAB = 0x80;
    static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_PE = 0x04, LSR_FE = 0x08, LSR_BI = 0x10, LSR_THRE = 0x20,
            LSR_TEMT = 0x40;
    static final int MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_RI = 0x40, MSR_DCD = 0x80;
    private static final int[] RX_TRIGGER = {1, 4, 8, 14};

    private final String name;
    private final VirtualClock clock;
    private final IrqLine irq;
    private final SerialEndpoint endpoint;
    private final EventScheduler.TimerEvent txTimer;
    private final EventScheduler.TimerEvent rxTimer;
    private final EventScheduler.TimerEvent timeoutTimer;

    private int dll = 0x0C; // 9600 baud until the guest programs it
    private int dlm;
    private int ier;
    private int lcr = 0x03; // 8N1
    private int mcr;
    private int scr;
    private boolean fifoEnabled;
    private int rxTriggerBits;
    private final ByteFifo rx = new ByteFifo();
    private final ByteFifo tx = new ByteFifo();
    private boolean tsrBusy;
    private int tsr;
    /** OE, PE, FE, BI: cleared by reading LSR. */
    private int lineErrors;
    /** MSR: the four inputs in bits 7-4, their deltas in bits 3-0. */
    private int msr;
    /** The THR-empty interrupt is armed until IIR reports it or THR is written. */
    private boolean thriPending;
    /** Cycle of the last byte received into or read from the receive FIFO (character timeout). */
    private long lastRxActivity;
    private boolean irqOut;

    public Ns16550(String name, VirtualClock clock, EventScheduler scheduler, IrqLine irq, SerialEndpoint endpoint) {
        this.name = name;
        this.clock = clock;
        this.irq = irq;
        this.endpoint = endpoint;
        this.txTimer = scheduler.newTimer(name + " tx", this::transmitDone);
        this.rxTimer = scheduler.newTimer(name + " rx", this::receiveSlot);
        this.timeoutTimer = scheduler.newTimer(name + " timeout", this::updateIrq);
        msr = modemInputs();
        endpoint.connect(this::dataAvailable);
    }

    // ---------------------------------------------------------------- timing

    /** Cycles one character occupies on the line, from LCR and the divisor latch. */
    long charCycles() {
        int dataBits = 5 + (lcr & 3);
        int halfBits = 2 * (1 + dataBits + ((lcr & 0x08) != 0 ? 1 : 0));
        if ((lcr & 0x04) == 0) {
            halfBits += 2;
        } else {
            halfBits += dataBits == 5 ? 3 : 4; // 1.5 or 2 stop bits
        }
        long divisor = dll | dlm << 8;
        if (divisor == 0) {
            divisor = 65536; // the datasheet forbids 0; the largest divisor is the nearest sense
        }
        return Math.max(1, halfBits * divisor * 16 * clock.hz() / (2 * XTAL_HZ));
    }

    // ---------------------------------------------------------------- transmitter

    private void writeThr(int b) {
        thriPending = false;
        if (!tx.isFull()) {
            tx.push(b);
        } // a full transmit FIFO drops the byte, as the chip does
        if (!tsrBusy) {
            startShift();
        }
        updateIrq();
    }

    private void startShift() {
        tsr = tx.pop();
        tsrBusy = true;
        txTimer.scheduleIn(charCycles());
        if (tx.isEmpty()) {
            thriPending = true; // THR (or the FIFO) just became empty
        }
    }

    private void transmitDone() {
        tsrBusy = false;
        if ((mcr & MCR_LOOP) != 0) {
            receiveByte(tsr);
        } else {
            endpoint.transmit(tsr);
        }
        if (!tx.isEmpty()) {
            startShift();
        }
        updateIrq();
    }

    /**
     * The machine is stopping: the byte being shifted out and those waiting in the transmit
     * FIFO reach the endpoint now, as they would have a few character times later, so output
     * written just before the guest exits is not lost (QEMU sends each byte at once).
     */
    public void drainTransmitter() {
        if (!tsrBusy) {
            return;
        }
        txTimer.cancel();
        transmitDone();
        while (tsrBusy) {
            txTimer.cancel();
            transmitDone();
        }
    }

    // ---------------------------------------------------------------- receiver

    private void dataAvailable() {
        if (!rxTimer.armed() && (mcr & MCR_LOOP) == 0 && !rx.isFull()) {
            rxTimer.scheduleIn(charCycles());
        }
    }

    /** One character time has passed on the line: take a byte from the endpoint if one waits. */
    private void receiveSlot() {
        if ((mcr & MCR_LOOP) != 0 || rx.isFull()) {
            return; // the endpoint waits; a read of RBR or leaving loopback calls again
        }
        int b = endpoint.receive();
        if (b < 0) {
            return;
        }
        receiveByte(b & 0xFF);
        updateIrq();
        dataAvailable();
    }

    private void receiveByte(int b) {
        if (rx.isFull()) {
            lineErrors |= LSR_OE;
            if (!fifoEnabled) {
                rx.replaceLast(b); // 16450 mode: the unread character is destroyed
            } // FIFO mode: the character in the shift register is lost
        } else {
            rx.push(b);
        }
        touchRx();
    }

    private int readRbr() {
        int b = rx.isEmpty() ? 0 : rx.pop();
        touchRx();
        updateIrq();
        dataAvailable();
        return b;
    }

    /** Restarts the four-character timeout after receive FIFO activity. */
    private void touchRx() {
        lastRxActivity = clock.cycles();
        if (fifoEnabled && !rx.isEmpty()) {
            timeoutTimer.scheduleAt(lastRxActivity + 4 * charCycles());
        } else {
            timeoutTimer.cancel();
        }
    }

    private boolean timedOut() {
        return fifoEnabled && !rx.isEmpty() && clock.cycles() - lastRxActivity >= 4 * charCycles();
    }

    // ---------------------------------------------------------------- interrupts

    /** The highest-priority pending interrupt as IIR bits 3-0. */
    private int interruptId() {
        if ((ier & IER_RLS) != 0 && lineErrors != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_RDA) != 0) {
            if (!rx.isEmpty() && (!fifoEnabled || rx.count() >= RX_TRIGGER[rxTriggerBits])) {
                return IIR_RDA;
            }
            if (timedOut()) {
                return IIR_TIMEOUT;
            }
        }
        if ((ier & IER_THRE) != 0 && thriPending && tx.isEmpty()) {
            return IIR_THRE;
        }
        if ((ier & IER_MS) != 0 && (msr & 0x0F) != 0) {
            return IIR_MS;
        }
        return IIR_NONE;
    }

    private void updateIrq() {
        boolean on = interruptId() != IIR_NONE && (mcr & MCR_OUT2) != 0 && (mcr & MCR_LOOP) == 0;
        if (on != irqOut) {
            irqOut = on;
            irq.setLevel(on);
        }
    }

    // ---------------------------------------------------------------- modem lines

    private int modemInputs() {
        if ((mcr & MCR_LOOP) == 0) {
            return MSR_CTS | MSR_DSR | MSR_DCD;
        }
        return ((mcr & MCR_RTS) != 0 ? MSR_CTS : 0) | ((mcr & MCR_DTR) != 0 ? MSR_DSR : 0)
                | ((mcr & MCR_OUT1) != 0 ? MSR_RI : 0) | ((mcr & MCR_OUT2) != 0 ? MSR_DCD : 0);
    }

    private void updateModemInputs() {
        int now = modemInputs();
        int old = msr & 0xF0;
        int delta = msr & 0x0F;
        if (((now ^ old) & MSR_CTS) != 0) {
            delta |= 0x01;
        }
        if (((now ^ old) & MSR_DSR) != 0) {
            delta |= 0x02;
        }
        if ((old & MSR_RI) != 0 && (now & MSR_RI) == 0) {
            delta |= 0x04; // trailing edge of RI
        }
        if (((now ^ old) & MSR_DCD) != 0) {
            delta |= 0x08;
        }
        msr = now | delta;
    }

    // ---------------------------------------------------------------- registers

    private int lsr() {
        int v = lineErrors;
        if (!rx.isEmpty()) {
            v |= LSR_DR;
        }
        if (tx.isEmpty()) {
            v |= LSR_THRE;
            if (!tsrBusy) {
                v |= LSR_TEMT;
            }
        }
        return v;
    }

    @Override
    public int read(int port, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= readRegister((port + i) & 7) << (8 * i);
        }
        return v;
    }

    /** The register at offset {@code reg} (0-7), with its read side effects. */
    public int readRegister(int reg) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch (reg) {
            case 0:
                return dlab ? dll : readRbr();
            case 1:
                return dlab ? dlm : ier;
            case 2: {
                int id = interruptId();
                if (id == IIR_THRE) {
                    thriPending = false; // reading IIR with THRE as the source clears it
                }
                updateIrq();
                return id | (fifoEnabled ? 0xC0 : 0);
            }
            case 3:
                return lcr;
            case 4:
                return mcr;
            case 5: {
                int v = lsr();
                lineErrors = 0;
                updateIrq();
                return v;
            }
            case 6: {
                int v = msr;
                msr &= 0xF0;
                updateIrq();
                return v;
            }
            default:
                return scr;
        }
    }

    @Override
    public void write(int port, int size, int value) {
        for (int i = 0; i < size; i++) {
            writeRegister((port + i) & 7, value >>> (8 * i) & 0xFF);
        }
    }

    public void writeRegister(int reg, int v) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch (reg) {
            case 0 -> {
                if (dlab) {
                    dll = v;
                } else {
                    writeThr(v);
                }
            }
            case 1 -> {
                if (dlab) {
                    dlm = v;
                } else {
                    int old = ier;
                    ier = v & 0x0F;
                    if ((old & IER_THRE) == 0 && (ier & IER_THRE) != 0 && tx.isEmpty()) {
                        thriPending = true; // enabling ETBEI with THR empty interrupts at once
                    }
                    updateIrq();
                }
            }
            case 2 -> writeFcr(v);
            case 3 -> lcr = v;
            case 4 -> {
                boolean wasLoop = (mcr & MCR_LOOP) != 0;
                mcr = v & 0x1F;
                updateModemInputs();
                if (wasLoop && (mcr & MCR_LOOP) == 0) {
                    dataAvailable(); // the endpoint may have been waiting
                }
                updateIrq();
            }
            case 5, 6 -> { } // LSR and MSR are read only here (factory test writes ignored)
            default -> scr = v;
        }
    }

    private void writeFcr(int v) {
        boolean txHeldData = !tx.isEmpty();
        boolean enable = (v & 0x01) != 0;
        if (enable != fifoEnabled) {
            fifoEnabled = enable;
            rx.setDepth(enable ? ByteFifo.SIZE : 1);
            tx.setDepth(enable ? ByteFifo.SIZE : 1);
            touchRx();
        }
        if (enable) {
            if ((v & 0x02) != 0) {
                rx.clear();
                touchRx();
            }
            if ((v & 0x04) != 0) {
                tx.clear(); // the shift register finishes its character
            }
            rxTriggerBits = v >> 6 & 3;
        }
        if (txHeldData && tx.isEmpty()) {
            thriPending = true; // clearing the transmit FIFO empties THR
        }
        updateIrq();
        dataAvailable();
    }

    public String dump() {
        return String.format("%s: LCR=%02X MCR=%02X IER=%02X IIR=%02X LSR=%02X MSR=%02X divisor=%d %s rx=%d tx=%d%s IRQ=%d",
                name, lcr, mcr, ier, interruptId() | (fifoEnabled ? 0xC0 : 0), lsr(), msr, dll | dlm << 8,
                fifoEnabled ? "FIFO(trigger " + RX_TRIGGER[rxTriggerBits] + ")" : "16450", rx.count(), tx.count(),
                tsrBusy ? " shifting" : "", irqOut ? 1 : 0);
    }

    // ---------------------------------------------------------------- state

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        w.putInt("dll", dll).putInt("dlm", dlm).putInt("ier", ier).putInt("lcr", lcr).putInt("mcr", mcr)
                .putInt("scr", scr).putBoolean("fifoEnabled", fifoEnabled).putInt("rxTriggerBits", rxTriggerBits)
                .putBytes("rxFifo", rx.toBytes()).putBytes("txFifo", tx.toBytes())
                .putBoolean("tsrBusy", tsrBusy).putInt("tsr", tsr).putInt("lineErrors", lineErrors)
                .putInt("msr", msr).putBoolean("thriPending", thriPending).putLong("lastRxActivity", lastRxActivity)
                .putBoolean("irqOut", irqOut)
                .putLong("txDeadline", txTimer.armed() ? txTimer.deadline() : -1)
                .putLong("rxDeadline", rxTimer.armed() ? rxTimer.deadline() : -1);
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        dll = r.getInt("dll") & 0xFF;
        dlm = r.getInt("dlm") & 0xFF;
        ier = r.getInt("ier") & 0x0F;
        lcr = r.getInt("lcr") & 0xFF;
        mcr = r.getInt("mcr") & 0x1F;
        scr = r.getInt("scr") & 0xFF;
        fifoEnabled = r.getBoolean("fifoEnabled");
        rxTriggerBits = r.getInt("rxTriggerBits") & 3;
        rx.setDepth(fifoEnabled ? ByteFifo.SIZE : 1);
        tx.setDepth(fifoEnabled ? ByteFifo.SIZE : 1);
        byte[] rxBytes = r.getBytes("rxFifo");
        byte[] txBytes = r.getBytes("txFifo");
        if (rxBytes.length > rx.depth() || txBytes.length > tx.depth()) {
            throw new StateException(r.section() + ": FIFO contents exceed the FIFO depth");
        }
        rx.fromBytes(rxBytes);
        tx.fromBytes(txBytes);
        tsrBusy = r.getBoolean("tsrBusy");
        tsr = r.getInt("tsr") & 0xFF;
        lineErrors = r.getInt("lineErrors") & 0x1E;
        msr = r.getInt("msr") & 0xFF;
        thriPending = r.getBoolean("thriPending");
        lastRxActivity = r.getLong("lastRxActivity");
        irqOut = r.getBoolean("irqOut");
        long tx = r.getLong("txDeadline");
        long rxd = r.getLong("rxDeadline");
        txTimer.cancel();
        rxTimer.cancel();
        if (tx >= 0) {
            txTimer.scheduleAt(tx);
        }
        if (rxd >= 0) {
            rxTimer.scheduleAt(rxd);
        }
    }

    @Override
    public void postLoad() {
        irq.setLevel(irqOut);
        if (fifoEnabled && !rx.isEmpty()) {
            timeoutTimer.scheduleAt(lastRxActivity + 4 * charCycles());
        } else {
            timeoutTimer.cancel();
        }
    }
}
