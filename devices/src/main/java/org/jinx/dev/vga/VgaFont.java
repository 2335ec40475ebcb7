package org.jinx.dev.vga;

/**
 * The 8×16 character font of Jinx's VGA: what the built-in BIOS puts in its ROM for INT 10h
 * AX=1130h and mode 13h text, and what the display draws text mode with.
 *
 * <p>The printable ASCII glyphs are drawn by hand on a 5×8 grid (rows 0-6 above the baseline,
 * row 7 for descenders) and stretched to the cell: columns 1-5, each grid row two pixel rows
 * from pixel row 1, the descender row one. The code page 437 box-drawing characters (B3-DA),
 * shades (B0-B2) and blocks (DB-DF) are computed from their line arms. Other codes are blank.
 */
public final class VgaFont {
    public static final int WIDTH = 8;
    public static final int HEIGHT = 16;

    /**
     * Space (0x20) to tilde (0x7E): eight rows per glyph as two hex digits each, bit 4 the
     * leftmost of the five columns.
     */
    private static final String[] ASCII = {
        "0000000000000000", "0404040404000400", "0A0A0A0000000000", "0A0A1F0A1F0A0A00", // space ! " #
        "040F140E051E0400", "1819020408130300", "0C12140815120D00", "0C04080000000000", // $ % & '
        "0204080808040200", "0804020202040800", "0004150E15040000", "0004041F04040000", // ( ) * +
        "000000000C040800", "0000001F00000000", "00000000000C0C00", "0001020408100000", // , - . /
        "0E11131519110E00", "040C040404040E00", "0E11010204081F00", "1F02040201110E00", // 0 1 2 3
        "02060A121F020200", "1F101E0101110E00", "0608101E11110E00", "1F01020408080800", // 4 5 6 7
        "0E11110E11110E00", "0E11110F01020C00", "000C0C000C0C0000", "000C0C000C040800", // 8 9 : ;
        "0204081008040200", "00001F001F000000", "0804020102040800", "0E11010204000400", // < = > ?
        "0E11010D15150E00", "0E1111111F111100", "1E11111E11111E00", "0E11101010110E00", // @ A B C
        "1C12111111121C00", "1F10101E10101F00", "1F10101E10101000", "0E11101711110F00", // D E F G
        "1111111F11111100", "0E04040404040E00", "0702020202120C00", "1112141814121100", // H I J K
        "1010101010101F00", "111B151511111100", "1111191513111100", "0E11111111110E00", // L M N O
        "1E11111E10101000", "0E11111115120D00", "1E11111E14121100", "0F10100E01011E00", // P Q R S
        "1F04040404040400", "1111111111110E00", "11111111110A0400", "1111111515150A00", // T U V W
        "11110A040A111100", "1111110A04040400", "1F01020408101F00", "0E08080808080E00", // X Y Z [
        "0010080402010000", "0E02020202020E00", "040A110000000000", "0000000000001F00", // \ ] ^ _
        "0804020000000000", "00000E010F110F00", "1010161911111E00", "00000E1010110E00", // ` a b c
        "01010D1311110F00", "00000E111F100E00", "0609081C08080800", "00000F11110F010E", // d e f g
        "1010161911111100", "04000C0404040E00", "020006020202120C", "1010121418141200", // h i j k
        "0C04040404040E00", "00001A1515111100", "0000161911111100", "00000E1111110E00", // l m n o
        "00001E11111E1010", "00000F11110F0101", "0000161910101000", "00000E100E011E00", // p q r s
        "08081C0808090600", "0000111111130D00", "00001111110A0400", "0000111115150A00", // t u v w
        "0000110A040A1100", "00001111110F010E", "00001F0204081F00", "0204040804040200", // x y z {
        "0404040404040400", "0804040204040800", "0000081502000000", // | } ~
    };

    /**
     * Code page 437 B3-DA as line arms up, down, left, right: 0 none, 1 single, 2 double.
     */
    private static final String BOX_ARMS =
            "1100" + "1110" + "1120" + "2210" + "0210" + "0120" + "2220" + "2200" + "0220" + "2020" // B3-BC
            + "2010" + "1020" + "0110" + "1001" + "1011" + "0111" + "1101" + "0011" + "1111" + "1102" // BD-C6
            + "2201" + "2002" + "0202" + "2022" + "0222" + "2202" + "0022" + "2222" + "1022" + "2011" // C7-D0
            + "0122" + "0211" + "2001" + "1002" + "0102" + "0201" + "2211" + "1122" + "1010" + "0101"; // D1-DA

    private static final byte[] GLYPHS = build();

    private VgaFont() {
    }

    /** Row {@code row} (0-15) of character {@code ch}: bit 7 is the leftmost pixel. */
    public static int row(int ch, int row) {
        return GLYPHS[(ch & 0xFF) * HEIGHT + row] & 0xFF;
    }

    /** All 256 glyphs, 16 bytes each, in the layout of a VGA font table. */
    public static byte[] table() {
        return GLYPHS.clone();
    }

    private static byte[] build() {
        byte[] g = new byte[256 * HEIGHT];
        for (int i = 0; i < ASCII.length; i++) {
            String hex = ASCII[i];
            int base = (0x20 + i) * HEIGHT;
            for (int r = 0; r < 8; r++) {
                int bits = Integer.parseInt(hex.substring(2 * r, 2 * r + 2), 16) << 2; // columns 1-5
                if (r < 7) {
                    g[base + 1 + 2 * r] = (byte) bits;
                    g[base + 2 + 2 * r] = (byte) bits;
                } else {
                    g[base + 15] = (byte) bits;
                }
            }
        }
        for (int y = 0; y < HEIGHT; y++) {
            g[0xB0 * HEIGHT + y] = (byte) ((y & 1) == 0 ? 0x88 : 0x22); // light shade
            g[0xB1 * HEIGHT + y] = (byte) ((y & 1) == 0 ? 0xAA : 0x55); // medium shade
            g[0xB2 * HEIGHT + y] = (byte) ((y & 1) == 0 ? 0xEE : 0xBB); // dark shade
            g[0xDB * HEIGHT + y] = (byte) 0xFF; // full block
            g[0xDC * HEIGHT + y] = (byte) (y >= 8 ? 0xFF : 0); // lower half
            g[0xDD * HEIGHT + y] = (byte) 0xF0; // left half
            g[0xDE * HEIGHT + y] = (byte) 0x0F; // right half
            g[0xDF * HEIGHT + y] = (byte) (y < 8 ? 0xFF : 0); // upper half
        }
        for (int c = 0xB3; c <= 0xDA; c++) {
            int k = (c - 0xB3) * 4;
            box(g, c, BOX_ARMS.charAt(k) - '0', BOX_ARMS.charAt(k + 1) - '0', BOX_ARMS.charAt(k + 2) - '0',
                    BOX_ARMS.charAt(k + 3) - '0');
        }
        return g;
    }

    /**
     * Draws line arms from the cell's centre (column 3, row 7). A single line is one pixel
     * wide; a double line is two lines two pixels apart, and where a double arm meets a
     * perpendicular double arm the inner lines stop at each other.
     */
    private static void box(byte[] g, int c, int up, int down, int left, int right) {
        int base = c * HEIGHT;
        int cx = 3;
        int cy = 7;
        boolean vertical = up == 2 || down == 2;
        boolean horizontal = left == 2 || right == 2;
        // vertical arms: columns cx (single) or cx-1 and cx+1 (double)
        for (int y = 0; y < HEIGHT; y++) {
            int bits = 0;
            int arm = y < cy ? up : y > cy ? down : Math.max(up, down);
            if (arm == 1) {
                bits |= 0x80 >> cx;
            } else if (arm == 2) {
                bits |= 0x80 >> (cx - 1) | 0x80 >> (cx + 1);
            }
            g[base + y] |= (byte) bits;
        }
        // horizontal arms: rows cy (single) or cy-1 and cy+1 (double)
        int[] rows = {cy - 1, cy, cy + 1};
        for (int r : rows) {
            int bits = 0;
            for (int x = 0; x < WIDTH; x++) {
                int arm = x < cx ? left : x > cx ? right : Math.max(left, right);
                boolean on = arm == 1 && r == cy || arm == 2 && r != cy;
                if (on && vertical && horizontal && Math.abs(x - cx) <= 1 && (x - cx) * (r - cy) != 0) {
                    on = (x < cx ? left : right) == 2 && (r < cy ? up : down) == 0; // open the corner
                }
                if (on) {
                    bits |= 0x80 >> x;
                }
            }
            g[base + r] |= (byte) bits;
        }
    }
}
