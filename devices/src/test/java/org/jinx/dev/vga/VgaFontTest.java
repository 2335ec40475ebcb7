package org.jinx.dev.vga;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hand-drawn 8x16 font: glyph shapes where they can be stated, blank where there is none. */
class VgaFontTest {
    private static String picture(int ch) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < VgaFont.HEIGHT; y++) {
            int bits = VgaFont.row(ch, y);
            for (int x = 0; x < 8; x++) {
                sb.append((bits & 0x80 >> x) != 0 ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void letterHIsTwoUprightsAndABar() {
        String h = picture('H');
        String[] rows = h.split("\n");
        assertThat(rows[0]).isEqualTo("........");
        assertThat(rows[1]).isEqualTo(".#...#..");
        assertThat(rows[7]).isEqualTo(".#####..");
        assertThat(rows[13]).isEqualTo(".#...#..");
        assertThat(rows[15]).isEqualTo("........");
    }

    @Test
    void descendersReachTheLastRowAndCapitalsDoNot() {
        for (char c : "gjpqy".toCharArray()) {
            assertThat(VgaFont.row(c, 15)).as("'%c'", c).isNotZero();
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            assertThat(VgaFont.row(c, 15)).as("'%c'", c).isZero();
        }
    }

    @Test
    void everyPrintableCharacterButSpaceHasPixelsAndAllDiffer() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0x21; c < 0x7F; c++) {
            String p = picture(c);
            assertThat(p).as("'%c'", (char) c).contains("#");
            assertThat(seen.add(p)).as("'%c' looks like another glyph", (char) c).isTrue();
        }
        assertThat(picture(' ')).doesNotContain("#");
        assertThat(picture(0x00)).doesNotContain("#");
    }

    @Test
    void boxDrawingLinesMeetAtTheCellEdges() {
        assertThat(VgaFont.row(0xC4, 7)).as("horizontal line spans the cell").isEqualTo(0xFF);
        for (int y = 0; y < 16; y++) {
            assertThat(VgaFont.row(0xB3, y) & 0x10).as("vertical line, row %d", y).isNotZero();
        }
        assertThat(VgaFont.row(0xDB, 0)).isEqualTo(0xFF);
        assertThat(VgaFont.row(0xDC, 0)).isZero();
        assertThat(VgaFont.row(0xDC, 15)).isEqualTo(0xFF);
    }

    @Test
    void tableIsTheGlyphsInVgaLayout() {
        byte[] t = VgaFont.table();
        assertThat(t).hasSize(4096);
        assertThat(t['A' * 16 + 1] & 0xFF).isEqualTo(VgaFont.row('A', 1));
    }
}
