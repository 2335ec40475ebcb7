package org.jinx.dev.kbd;

import java.util.ArrayDeque;
import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;

/**
 * The Intel 8042 keyboard controller as IBM's PC/AT and PS/2 firmware programs it: the data port
 * (offset 0, 0x60) and the status/command port (offset 4, 0x64), the command byte, the output
 * port (A20 gate and CPU reset), and the keyboard behind it.
 *
 * <p>Bytes move between controller and keyboard at once: the input buffer is never seen full and
 * the serial transfer time is not modelled. A byte the controller itself answers with (self
 * test, command byte...) goes ahead of keyboard data. Keyboard bytes wait in the keyboard while
 * the keyboard interface is disabled (command byte bit 4) and are translated to set 1 on their
 * way into the output buffer when command byte bit 6 is set. IRQ 1 is high while the output
 * buffer holds a keyboard-side byte and command byte bit 0 is set. No mouse is attached: bytes
 * written to the auxiliary device vanish; the auxiliary output buffer command (D3) works.
 */
public final class I8042 implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 1;

    static final int ST_OBF = 0x01, ST_SYS = 0x04, ST_A2 = 0x08, ST_UNINHIBITED = 0x10, ST_AUX_OBF = 0x20;
    static final int CB_INT = 0x01, CB_INT2 = 0x02, CB_SYS = 0x04, CB_DISABLE_KBD = 0x10, CB_DISABLE_AUX = 0x20,
            CB_XLAT = 0x40;

    private final Ps2Keyboard keyboard;
    private final IrqLine irq1;
    private final IrqLine irq12;
    private final A20Gate a20;
    private final Runnable resetCpu;
    private final ScancodeTranslator translator = new ScancodeTranslator();

    /** Controller RAM: byte 0 is the command byte. */
    private final byte[] ram = new byte[32];
    private final ArrayDeque<Integer> replies = new ArrayDeque<>();
    private boolean obf;
    private boolean obfAux;
    private int outputBuffer;
    private boolean lastWriteWasCommand;
    /** A command (0x60-0x7F, D1-D4) waiting for its data byte, or 0. */
    private int pendingCommand;
    private boolean irq1Out;
    private boolean irq12Out;

    public I8042(Ps2Keyboard keyboard, IrqLine irq1, IrqLine irq12, A20Gate a20, Runnable resetCpu) {
        this.keyboard = keyboard;
        this.irq1 = irq1;
        this.irq12 = irq12;
        this.a20 = a20;
        this.resetCpu = resetCpu;
        // the command byte as the BIOS leaves it: translate, system flag, keyboard interrupt
        ram[0] = (byte) (CB_XLAT | CB_SYS | CB_INT);
        keyboard.connect(this::pump);
    }

    public Ps2Keyboard keyboard() {
        return keyboard;
    }

    private int commandByte() {
        return ram[0] & 0xFF;
    }

    // ---------------------------------------------------------------- output buffer

    /** Fills an empty output buffer: controller replies first, then keyboard data if enabled. */
    private void pump() {
        while (!obf) {
            if (!replies.isEmpty()) {
                fill(replies.remove(), false);
            } else if ((commandByte() & CB_DISABLE_KBD) == 0 && keyboard.hasData()) {
                int b = keyboard.take();
                if ((commandByte() & CB_XLAT) != 0) {
                    b = translator.translate(b);
                    if (b < 0) {
                        continue; // the F0 prefix only marks the next byte
                    }
                }
                fill(b, false);
            } else {
                break;
            }
        }
        updateIrqs();
    }

    private void fill(int b, boolean aux) {
        outputBuffer = b & 0xFF;
        obf = true;
        obfAux = aux;
    }

    private void reply(int b) {
        replies.add(b & 0xFF);
        pump();
    }

    private void updateIrqs() {
        boolean one = obf && !obfAux && (commandByte() & CB_INT) != 0;
        boolean twelve = obf && obfAux && (commandByte() & CB_INT2) != 0;
        if (one != irq1Out) {
            irq1Out = one;
            irq1.setLevel(one);
        }
        if (twelve != irq12Out) {
            irq12Out = twelve;
            irq12.setLevel(twelve);
        }
    }

    // ---------------------------------------------------------------- ports

    @Override
    public int read(int port, int size) {
        return (port & 4) == 0 ? readData() : status();
    }

    private int readData() {
        int v = outputBuffer;
        obf = false;
        obfAux = false;
        updateIrqs(); // IRQ 1 falls before the next byte raises it: one edge per byte
        pump();
        return v;
    }

    public int status() {
        return (obf ? ST_OBF : 0) | (obfAux ? ST_AUX_OBF : 0) | (commandByte() & CB_SYS)
                | (lastWriteWasCommand ? ST_A2 : 0) | ST_UNINHIBITED;
    }

    @Override
    public void write(int port, int size, int value) {
        int v = value & 0xFF;
        if ((port & 4) != 0) {
            lastWriteWasCommand = true;
            command(v);
        } else {
            lastWriteWasCommand = false;
            data(v);
        }
    }

    private void data(int v) {
        int cmd = pendingCommand;
        pendingCommand = 0;
        if (cmd >= 0x60 && cmd <= 0x7F) {
            ram[cmd - 0x60] = (byte) v;
            pump(); // enabling the interface or the interrupt takes effect now
        } else if (cmd == 0xD1) {
            writeOutputPort(v);
        } else if (cmd == 0xD2) {
            fill(v, false);
            updateIrqs();
        } else if (cmd == 0xD3) {
            fill(v, true);
            updateIrqs();
        } else if (cmd == 0xD4) {
            // to the auxiliary device: none is attached
        } else {
            keyboard.write(v);
        }
    }

    private void command(int c) {
        pendingCommand = 0;
        if (c >= 0x20 && c <= 0x3F) {
            reply(ram[c - 0x20]);
            return;
        }
        if (c >= 0x60 && c <= 0x7F || c >= 0xD1 && c <= 0xD4) {
            pendingCommand = c;
            return;
        }
        if (c >= 0xF0) {
            // pulse output port bits 3-0 low where the command's bits are 0; bit 0 is RESET
            if ((c & 1) == 0) {
                resetCpu.run();
            }
            return;
        }
        switch (c) {
            case 0xA4 -> reply(0xF1); // no password installed
            case 0xA7 -> setCommandBits(CB_DISABLE_AUX, true);
            case 0xA8 -> setCommandBits(CB_DISABLE_AUX, false);
            case 0xA9 -> reply(0x00); // auxiliary interface test: no fault
            case 0xAA -> reply(0x55); // self test passed
            case 0xAB -> reply(0x00); // keyboard interface test: no fault
            case 0xAD -> setCommandBits(CB_DISABLE_KBD, true);
            case 0xAE -> setCommandBits(CB_DISABLE_KBD, false);
            // input port: keyboard not inhibited (7), no manufacturing jumper (5), colour display (6 = 0)
            case 0xC0 -> reply(0xA0);
            case 0xD0 -> reply(outputPort());
            case 0xDD -> a20.setFromKbc(false);
            case 0xDF -> a20.setFromKbc(true);
            case 0xE0 -> reply(0x00); // test inputs
            default -> { } // unknown commands are ignored
        }
    }

    private void setCommandBits(int bits, boolean on) {
        ram[0] = (byte) (on ? commandByte() | bits : commandByte() & ~bits);
        pump();
    }

    /**
     * The output port: RESET (0, high = running), A20 gate (1), output buffer full (4), auxiliary
     * buffer full (5); the keyboard clock and data lines (6, 7) and the unused bits 2-3 read high.
     */
    private int outputPort() {
        return 0xCD | (a20.fromKbc() ? 0x02 : 0) | (irq1Out ? 0x10 : 0) | (irq12Out ? 0x20 : 0);
    }

    private void writeOutputPort(int v) {
        a20.setFromKbc((v & 0x02) != 0);
        if ((v & 0x01) == 0) {
            resetCpu.run();
        }
    }

    public String dump() {
        return String.format("i8042: status=%02X command=%02X out=%02X%s A20=%s keyboard: set %d, LEDs %d, %s",
                status(), commandByte(), outputBuffer, obf ? " (full)" : "", a20.enabled() ? "on" : "off",
                keyboard.scancodeSet(), keyboard.leds(), keyboard.scanning() ? "scanning" : "disabled");
    }

    // ---------------------------------------------------------------- state

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        byte[] r = new byte[replies.size()];
        int i = 0;
        for (int b : replies) {
            r[i++] = (byte) b;
        }
        w.putBytes("ram", ram).putBytes("replies", r).putBoolean("obf", obf).putBoolean("obfAux", obfAux)
                .putInt("outputBuffer", outputBuffer).putBoolean("lastWriteWasCommand", lastWriteWasCommand)
                .putInt("pendingCommand", pendingCommand).putBoolean("irq1", irq1Out).putBoolean("irq12", irq12Out)
                .putBoolean("a20", a20.fromKbc()).putBoolean("translatorBreak", translator.breakPending());
        keyboard.save(w.child("keyboard"));
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        System.arraycopy(r.getBytes("ram", 32), 0, ram, 0, 32);
        replies.clear();
        for (byte b : r.getBytes("replies")) {
            replies.add(b & 0xFF);
        }
        obf = r.getBoolean("obf");
        obfAux = r.getBoolean("obfAux");
        outputBuffer = r.getInt("outputBuffer") & 0xFF;
        lastWriteWasCommand = r.getBoolean("lastWriteWasCommand");
        pendingCommand = r.getInt("pendingCommand");
        irq1Out = r.getBoolean("irq1");
        irq12Out = r.getBoolean("irq12");
        a20.setFromKbc(r.getBoolean("a20"));
        translator.setBreakPending(r.getBoolean("translatorBreak"));
        keyboard.load(r.child("keyboard"));
    }

    @Override
    public void postLoad() {
        irq1.setLevel(irq1Out);
        irq12.setLevel(irq12Out);
    }
}
