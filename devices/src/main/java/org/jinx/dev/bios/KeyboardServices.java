package org.jinx.dev.bios;

import static org.jinx.dev.bios.BiosMemory.*;
import static org.jinx.dev.bios.CallFrame.*;

import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;

/**
 * The keyboard: the IRQ 1 handler (INT 09h) that turns scan codes from the 8042 into key words
 * in the BIOS data area's 16-word ring buffer at 0040:001E, and INT 16h that reads them: 00h/10h
 * wait for a key, 01h/11h peek (ZF set when none), 02h/12h shift flags, 05h store a key.
 * Functions 00h-02h hide the E0h of the enhanced keyboard's extra keys, as on an 84-key BIOS.
 */
final class KeyboardServices {
    private static final int E0_PREFIX = 0x02, E1_PREFIX = 0x01, RIGHT_CTRL = 0x04, RIGHT_ALT = 0x08;

    private final BiosMemory mem;
    private final IoPortBus io;

    KeyboardServices(Bios bios) {
        this.mem = bios.mem;
        this.io = bios.pc.machine.io;
    }

    // ---------------------------------------------------------------- IRQ 1

    void irq(Cpu cpu) {
        int code = io.in(0x60, 1);
        scanCode(code);
        io.out(0x20, 1, 0x20); // EOI to the master PIC
    }

    void scanCode(int code) {
        int flags3 = mem.bda8(KBD_FLAGS3);
        if ((flags3 & E1_PREFIX) != 0) { // Pause: E1 1D 45 E1 9D C5, nothing to queue
            if ((code & 0x7F) == 0x45) {
                mem.setBda8(KBD_FLAGS3, flags3 & ~E1_PREFIX);
            }
            return;
        }
        if (code == 0xE0 || code == 0xE1) {
            mem.setBda8(KBD_FLAGS3, flags3 | (code == 0xE0 ? E0_PREFIX : E1_PREFIX));
            return;
        }
        if (code == 0xFA || code == 0xFE || code == 0x00 || code == 0xFF) {
            return; // acknowledgements and overrun codes are not keys
        }
        boolean extended = (flags3 & E0_PREFIX) != 0;
        mem.setBda8(KBD_FLAGS3, flags3 & ~E0_PREFIX);
        boolean released = (code & 0x80) != 0;
        int make = code & 0x7F;
        if (modifier(make, extended, released)) {
            return;
        }
        if (released) {
            return;
        }
        int word = KeyMap.translate(make, extended, mem.bda8(KBD_FLAGS));
        if (word >= 0) {
            store(word);
        }
    }

    /** Updates the shift state for modifier and lock keys; true if the code was one. */
    private boolean modifier(int make, boolean extended, boolean released) {
        int f = mem.bda8(KBD_FLAGS);
        int f2 = mem.bda8(KBD_FLAGS2);
        int f3 = mem.bda8(KBD_FLAGS3);
        switch (make) {
            case 0x2A, 0x36 -> {
                if (extended) {
                    return true; // the fake shifts around the enhanced keyboard's gray keys
                }
                f = set(f, make == 0x2A ? KeyMap.SHIFT_LEFT : KeyMap.SHIFT_RIGHT, !released);
            }
            case 0x1D -> {
                if (extended) {
                    f3 = set(f3, RIGHT_CTRL, !released);
                } else {
                    f2 = set(f2, 0x01, !released);
                }
                f = set(f, KeyMap.CTRL, (f2 & 0x01) != 0 || (f3 & RIGHT_CTRL) != 0);
            }
            case 0x38 -> {
                if (extended) {
                    f3 = set(f3, RIGHT_ALT, !released);
                } else {
                    f2 = set(f2, 0x02, !released);
                }
                f = set(f, KeyMap.ALT, (f2 & 0x02) != 0 || (f3 & RIGHT_ALT) != 0);
            }
            case 0x3A, 0x45, 0x46 -> {
                int toggle = make == 0x3A ? 0x40 : make == 0x45 ? 0x20 : 0x10;
                if (!released && (f2 & toggle) == 0) {
                    f ^= toggle; // the toggle flips on the first make, not on repeats
                }
                f2 = set(f2, toggle, !released);
            }
            default -> {
                return false;
            }
        }
        mem.setBda8(KBD_FLAGS, f);
        mem.setBda8(KBD_FLAGS2, f2);
        mem.setBda8(KBD_FLAGS3, f3);
        return true;
    }

    private static int set(int v, int bit, boolean on) {
        return on ? v | bit : v & ~bit;
    }

    /** Appends a key word to the ring; false when it is full (one slot always stays empty). */
    boolean store(int word) {
        int tail = mem.bda16(KBD_TAIL);
        int next = tail + 2 >= mem.bda16(KBD_END) ? mem.bda16(KBD_START) : tail + 2;
        if (next == mem.bda16(KBD_HEAD)) {
            return false;
        }
        mem.setBda16(tail, word);
        mem.setBda16(KBD_TAIL, next);
        return true;
    }

    private int peek() {
        int head = mem.bda16(KBD_HEAD);
        return head == mem.bda16(KBD_TAIL) ? -1 : mem.bda16(head);
    }

    private void remove() {
        int head = mem.bda16(KBD_HEAD) + 2;
        mem.setBda16(KBD_HEAD, head >= mem.bda16(KBD_END) ? mem.bda16(KBD_START) : head);
    }

    /** The 84-key view of an enhanced key word (functions 00h and 01h). */
    private static int classic(int word) {
        if (word >> 8 == 0xE0) {
            return (word & 0xFF) == 0x0D ? 0x1C0D : 0x352F; // keypad Enter, keypad /
        }
        return (word & 0xFF) == 0xE0 ? word & 0xFF00 : word;
    }

    // ---------------------------------------------------------------- INT 16h

    void int16(Cpu cpu) {
        int fn = ah(cpu);
        switch (fn) {
            case 0x00, 0x10 -> {
                int w = peek();
                if (w < 0) {
                    waitAndRetry(cpu);
                    return;
                }
                remove();
                setAx(cpu, fn == 0x00 ? classic(w) : w);
            }
            case 0x01, 0x11 -> {
                int w = peek();
                setReturnFlags(cpu, Cpu.ZF, w < 0);
                if (w >= 0) {
                    setAx(cpu, fn == 0x01 ? classic(w) : w);
                }
            }
            case 0x02 -> setAl(cpu, mem.bda8(KBD_FLAGS));
            case 0x12 -> {
                int f2 = mem.bda8(KBD_FLAGS2);
                int f3 = mem.bda8(KBD_FLAGS3);
                // AH: left ctrl, left alt, right ctrl, right alt, scroll, num, caps, sysreq held
                int ah = f2 & 0x03 | f3 & (RIGHT_CTRL | RIGHT_ALT) | f2 & 0x70;
                setAx(cpu, ah << 8 | mem.bda8(KBD_FLAGS));
            }
            case 0x05 -> setAl(cpu, store(cx(cpu)) ? 0 : 1);
            default -> { }
        }
    }
}
