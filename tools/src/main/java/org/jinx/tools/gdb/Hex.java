package org.jinx.tools.gdb;

/** Hex numbers and hex-encoded bytes as RSP writes them: no 0x prefix, bytes in target order. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(2 * len);
        for (int i = off; i < off + len; i++) {
            sb.append(DIGITS[b[i] >> 4 & 0xF]).append(DIGITS[b[i] & 0xF]);
        }
        return sb.toString();
    }

    static String encode(String latin1) {
        StringBuilder sb = new StringBuilder(2 * latin1.length());
        for (int i = 0; i < latin1.length(); i++) {
            int c = latin1.charAt(i) & 0xFF;
            sb.append(DIGITS[c >> 4]).append(DIGITS[c & 0xF]);
        }
        return sb.toString();
    }

    /** Decodes hex pairs; throws {@link BadPacket} for an odd length or a non-hex digit. */
    static byte[] decode(String s) {
        if ((s.length() & 1) != 0) {
            throw new BadPacket("odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (digit(s.charAt(2 * i)) << 4 | digit(s.charAt(2 * i + 1)));
        }
        return out;
    }

    /** A hex number of at most 16 digits (an address, a length, a register number), unsigned. */
    static long number(String s) {
        if (s.isEmpty() || s.length() > 16) {
            throw new BadPacket("bad hex number '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            v = v << 4 | digit(s.charAt(i));
        }
        return v;
    }

    /** A hex number that must fit in a non-negative int (a length, a register number). */
    static int smallNumber(String s) {
        long v = number(s);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new BadPacket("number too large: " + s);
        }
        return (int) v;
    }

    private static int digit(char c) {
        int d = c < 128 ? Character.digit(c, 16) : -1;
        if (d < 0) {
            throw new BadPacket("not a hex digit: '" + c + "'");
        }
        return d;
    }
}
