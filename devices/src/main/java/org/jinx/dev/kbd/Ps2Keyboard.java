package org.jinx.dev.kbd;

import java.util.ArrayDeque;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;

/**
 * A PS/2 (MF2) keyboard on the 8042's keyboard port: it answers host commands and turns key
 * events into scan codes, set 2 by default or set 1 when selected. Set 3 can be selected and is
 * reported, but keys are still sent in set 2. Typematic repeat is left to the host's own key
 * repeat (each repeat is one more make code), so the rate and delay are only remembered.
 */
public final class Ps2Keyboard {
    static final int ACK = 0xFA, RESEND = 0xFE, BAT_OK = 0xAA, ECHO = 0xEE;
    private static final int BUFFER = 16;

    private final ArrayDeque<Integer> out = new ArrayDeque<>();
    private Runnable dataReady = () -> { };

    private boolean scanning = true;
    private int scancodeSet = 2;
    private int leds;
    private int typematic = 0x2B; // 10.9 characters per second after 500 ms, the power-on default
    /** A command that waits for its argument byte (ED, F0, F3), or 0. */
    private int pendingCommand;
    private int lastSent = -1;
    private boolean overrun;

    /** The controller's doorbell: called when bytes are queued for it. */
    void connect(Runnable ready) {
        dataReady = ready;
    }

    boolean hasData() {
        return !out.isEmpty();
    }

    /** The next byte for the controller. */
    int take() {
        int b = out.remove();
        lastSent = b;
        return b;
    }

    private void send(int... bytes) {
        for (int b : bytes) {
            out.add(b);
        }
        dataReady.run();
    }

    // ---------------------------------------------------------------- host commands

    /** A byte from the host through the controller. */
    void write(int b) {
        if (pendingCommand != 0) {
            argument(b);
            return;
        }
        switch (b) {
            case 0xFF -> { // reset and self-test
                defaults();
                out.clear();
                scanning = true;
                send(ACK, BAT_OK);
            }
            case 0xFE -> send(lastSent < 0 ? RESEND : lastSent);
            case 0xF6 -> { // set defaults, keep scanning as it is
                defaults();
                send(ACK);
            }
            case 0xF5 -> { // defaults and stop scanning
                defaults();
                out.clear();
                scanning = false;
                send(ACK);
            }
            case 0xF4 -> {
                out.clear();
                scanning = true;
                send(ACK);
            }
            case 0xF2 -> send(ACK, 0xAB, 0x83); // MF2 keyboard
            case 0xEE -> send(ECHO);
            case 0xED, 0xF0, 0xF3 -> {
                pendingCommand = b;
                send(ACK);
            }
            case 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD -> send(ACK); // set 3 key types: accepted
            default -> send(RESEND);
        }
    }

    private void argument(int b) {
        int cmd = pendingCommand;
        pendingCommand = 0;
        switch (cmd) {
            case 0xED -> {
                leds = b & 7;
                send(ACK);
            }
            case 0xF3 -> {
                typematic = b & 0x7F;
                send(ACK);
            }
            default -> { // F0: select or report the scan code set
                if (b == 0) {
                    send(ACK, scancodeSet);
                } else if (b <= 3) {
                    scancodeSet = b;
                    send(ACK);
                } else {
                    send(RESEND);
                }
            }
        }
    }

    private void defaults() {
        scancodeSet = 2;
        typematic = 0x2B;
        pendingCommand = 0;
    }

    // ---------------------------------------------------------------- keys

    /** A key went down ({@code pressed}) or up. Nothing is sent while scanning is disabled. */
    public void key(Key k, boolean pressed) {
        if (!scanning) {
            return;
        }
        int[] set2 = set2Sequence(k, pressed);
        if (set2.length == 0) {
            return;
        }
        if (scancodeSet == 1) {
            ScancodeTranslator t = new ScancodeTranslator();
            int[] set1 = new int[set2.length];
            int n = 0;
            for (int b : set2) {
                int v = t.translate(b);
                if (v >= 0) {
                    set1[n++] = v;
                }
            }
            set2 = java.util.Arrays.copyOf(set1, n);
        }
        if (out.size() + set2.length > BUFFER) {
            if (!overrun) {
                overrun = true;
                send(scancodeSet == 1 ? 0xFF : 0x00); // buffer overrun code
            }
            return;
        }
        overrun = false;
        send(set2);
    }

    static int[] set2Sequence(Key k, boolean pressed) {
        if (k == Key.PAUSE) {
            return pressed ? new int[] {0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77} : new int[0];
        }
        if (k == Key.PRINT_SCREEN) {
            return pressed ? new int[] {0xE0, 0x12, 0xE0, 0x7C} : new int[] {0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12};
        }
        if (k.extended) {
            return pressed ? new int[] {0xE0, k.set2} : new int[] {0xE0, 0xF0, k.set2};
        }
        return pressed ? new int[] {k.set2} : new int[] {0xF0, k.set2};
    }

    public int leds() {
        return leds;
    }

    public int scancodeSet() {
        return scancodeSet;
    }

    public boolean scanning() {
        return scanning;
    }

    int typematic() {
        return typematic;
    }

    // ---------------------------------------------------------------- state

    void save(StateWriter w) {
        byte[] q = new byte[out.size()];
        int i = 0;
        for (int b : out) {
            q[i++] = (byte) b;
        }
        w.putBytes("queue", q).putBoolean("scanning", scanning).putInt("scancodeSet", scancodeSet)
                .putInt("leds", leds).putInt("typematic", typematic).putInt("pendingCommand", pendingCommand)
                .putInt("lastSent", lastSent).putBoolean("overrun", overrun);
    }

    void load(StateReader r) {
        out.clear();
        for (byte b : r.getBytes("queue")) {
            out.add(b & 0xFF);
        }
        scanning = r.getBoolean("scanning");
        scancodeSet = r.getInt("scancodeSet");
        leds = r.getInt("leds") & 7;
        typematic = r.getInt("typematic") & 0x7F;
        pendingCommand = r.getInt("pendingCommand");
        lastSent = r.getInt("lastSent");
        overrun = r.getBoolean("overrun");
    }
}
