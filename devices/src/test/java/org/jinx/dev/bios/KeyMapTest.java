package org.jinx.dev.bios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Set 1 make codes to INT 16h key words, with the shift states of the BIOS data area. */
class KeyMapTest {
    @Test
    void lettersFollowShiftAndCapsLock() {
        assertThat(KeyMap.translate(0x1E, false, 0)).isEqualTo(0x1E61); // a
        assertThat(KeyMap.translate(0x1E, false, KeyMap.SHIFT_LEFT)).isEqualTo(0x1E41);
        assertThat(KeyMap.translate(0x1E, false, KeyMap.CAPS_LOCK)).isEqualTo(0x1E41);
        assertThat(KeyMap.translate(0x1E, false, KeyMap.CAPS_LOCK | KeyMap.SHIFT_RIGHT)).isEqualTo(0x1E61);
    }

    @Test
    void capsLockDoesNotShiftDigitsOrPunctuation() {
        assertThat(KeyMap.translate(0x02, false, KeyMap.CAPS_LOCK)).isEqualTo(0x0231); // 1
        assertThat(KeyMap.translate(0x27, false, KeyMap.CAPS_LOCK)).isEqualTo(0x273B); // ;
        assertThat(KeyMap.translate(0x27, false, KeyMap.SHIFT_LEFT)).isEqualTo(0x273A); // :
    }

    @Test
    void controlAndAltCombinations() {
        assertThat(KeyMap.translate(0x2E, false, KeyMap.CTRL)).as("Ctrl-C").isEqualTo(0x2E03);
        assertThat(KeyMap.translate(0x1C, false, KeyMap.CTRL)).as("Ctrl-Enter").isEqualTo(0x1C0A);
        assertThat(KeyMap.translate(0x2D, false, KeyMap.ALT)).as("Alt-X").isEqualTo(0x2D00);
        assertThat(KeyMap.translate(0x02, false, KeyMap.ALT)).as("Alt-1").isEqualTo(0x7800);
    }

    @Test
    void functionKeysHaveACodeForEachShiftState() {
        assertThat(KeyMap.translate(0x3B, false, 0)).as("F1").isEqualTo(0x3B00);
        assertThat(KeyMap.translate(0x3B, false, KeyMap.SHIFT_LEFT)).isEqualTo(0x5400);
        assertThat(KeyMap.translate(0x3B, false, KeyMap.CTRL)).isEqualTo(0x5E00);
        assertThat(KeyMap.translate(0x3B, false, KeyMap.ALT)).isEqualTo(0x6800);
        assertThat(KeyMap.translate(0x57, false, 0)).as("F11").isEqualTo(0x8500);
        assertThat(KeyMap.translate(0x58, false, KeyMap.ALT)).as("Alt-F12").isEqualTo(0x8C00);
    }

    @Test
    void keypadGivesDigitsWithNumLockAndCursorKeysWithout() {
        assertThat(KeyMap.translate(0x47, false, KeyMap.NUM_LOCK)).isEqualTo(0x4737);
        assertThat(KeyMap.translate(0x47, false, 0)).as("Home").isEqualTo(0x4700);
        assertThat(KeyMap.translate(0x4E, false, 0)).as("keypad +").isEqualTo(0x4E2B);
        assertThat(KeyMap.translate(0x48, true, 0)).as("grey up arrow").isEqualTo(0x48E0);
        assertThat(KeyMap.translate(0x1C, true, 0)).as("keypad Enter").isEqualTo(0xE00D);
    }

    @Test
    void modifiersAndLocksGiveNoKeyWord() {
        for (int code : new int[] {0x1D, 0x2A, 0x36, 0x38, 0x3A}) {
            assertThat(KeyMap.translate(code, false, 0)).as("code %02X", code).isEqualTo(-1);
        }
        assertThat(KeyMap.translate(0x0F, false, KeyMap.SHIFT_LEFT)).as("shift-Tab").isEqualTo(0x0F00);
    }
}
