package org.jinx.dev.bios;

/**
 * Scan code set 1 make codes to the words INT 16h returns (scan code in the high byte,
 * character in the low byte), for a US keyboard, with the shift states of the BIOS data area.
 */
final class KeyMap {
    static final int SHIFT_RIGHT = 0x01, SHIFT_LEFT = 0x02, CTRL = 0x04, ALT = 0x08, NUM_LOCK = 0x20,
            CAPS_LOCK = 0x40;

    /** Characters of codes 00h-39h without shift and with shift; NUL where the key has none. */
    private static final String PLAIN =
            "\0\u001b1234567890-=\b\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
    private static final String SHIFTED =
            "\0\u001b!@#$%^&*()_+\b\0QWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";
    /** Keypad 47h-53h with Num Lock. */
    private static final String KEYPAD = "789-456+1230.";

    private KeyMap() {
    }

    /**
     * The key word for make code {@code code} (bit 7 clear), or -1 when the key gives none
     * (modifiers, lock keys). {@code extended} means an E0 prefix came first; the word then
     * has E0h as its character (or E0h as scan code for keypad Enter and /), as INT 16h AH=10h
     * returns it.
     */
    static int translate(int code, boolean extended, int flags) {
        boolean shift = (flags & (SHIFT_LEFT | SHIFT_RIGHT)) != 0;
        boolean ctrl = (flags & CTRL) != 0;
        boolean alt = (flags & ALT) != 0;
        if (extended) {
            return switch (code) {
                case 0x1C -> 0xE00D; // keypad Enter
                case 0x35 -> 0xE02F; // keypad /
                case 0x47, 0x48, 0x49, 0x4B, 0x4D, 0x4F, 0x50, 0x51, 0x52, 0x53 -> code << 8 | 0xE0;
                default -> -1;
            };
        }
        if (code >= 0x3B && code <= 0x44) { // F1-F10
            return (code + (alt ? 0x2D : ctrl ? 0x23 : shift ? 0x19 : 0)) << 8;
        }
        if (code == 0x57 || code == 0x58) { // F11, F12
            return (code + 0x2E + (alt ? 6 : ctrl ? 4 : shift ? 2 : 0)) << 8;
        }
        if (code >= 0x47 && code <= 0x53) {
            boolean digits = (flags & NUM_LOCK) != 0 ^ shift;
            char k = KEYPAD.charAt(code - 0x47);
            if (k == '-' || k == '+' || digits) {
                return code << 8 | k;
            }
            return code << 8;
        }
        if (code >= PLAIN.length()) {
            return -1;
        }
        char plain = PLAIN.charAt(code);
        if (plain == 0) {
            return code == 0x0F ? 0x0F00 : -1; // the 0x0F slot is Tab: shift-Tab has no character
        }
        boolean letter = plain >= 'a' && plain <= 'z';
        if (alt) {
            return (code >= 0x02 && code <= 0x0D ? code + 0x76 : code) << 8;
        }
        if (ctrl) {
            if (letter) {
                return code << 8 | plain - 'a' + 1;
            }
            return switch (code) {
                case 0x1C -> 0x1C0A; // Ctrl-Enter: line feed
                case 0x0E -> 0x0E7F;
                case 0x1A -> 0x1A1B;
                case 0x1B -> 0x1B1D;
                case 0x2B -> 0x2B1C;
                case 0x0C -> 0x0C1F;
                case 0x03 -> 0x0300; // Ctrl-2: NUL
                case 0x07 -> 0x071E; // Ctrl-6
                case 0x39 -> 0x3920;
                case 0x01 -> 0x011B;
                default -> -1;
            };
        }
        boolean upper = letter ? shift ^ (flags & CAPS_LOCK) != 0 : shift;
        if (code == 0x0F && shift) {
            return 0x0F00;
        }
        return code << 8 | (upper ? SHIFTED : PLAIN).charAt(code);
    }
}
