package org.jinx.tools.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwjgl.glfw.GLFW.*;

import org.jinx.dev.kbd.Key;
import org.junit.jupiter.api.Test;

/** GLFW's key codes (US positions) map to the PC keys at the same places. */
class GlfwKeysTest {
    @Test
    void lettersDigitsAndFunctionKeys() {
        assertThat(GlfwKeys.of(GLFW_KEY_A)).isEqualTo(Key.A);
        assertThat(GlfwKeys.of(GLFW_KEY_Z)).isEqualTo(Key.Z);
        assertThat(GlfwKeys.of(GLFW_KEY_0)).isEqualTo(Key.D0);
        assertThat(GlfwKeys.of(GLFW_KEY_9)).isEqualTo(Key.D9);
        assertThat(GlfwKeys.of(GLFW_KEY_F12)).isEqualTo(Key.F12);
        assertThat(GlfwKeys.of(GLFW_KEY_KP_7)).isEqualTo(Key.KP_7);
    }

    @Test
    void editingAndModifierKeys() {
        assertThat(GlfwKeys.of(GLFW_KEY_ENTER)).isEqualTo(Key.ENTER);
        assertThat(GlfwKeys.of(GLFW_KEY_KP_ENTER)).isEqualTo(Key.KP_ENTER);
        assertThat(GlfwKeys.of(GLFW_KEY_RIGHT_CONTROL)).isEqualTo(Key.RIGHT_CTRL);
        assertThat(GlfwKeys.of(GLFW_KEY_UP)).isEqualTo(Key.UP);
        assertThat(GlfwKeys.of(GLFW_KEY_GRAVE_ACCENT)).isEqualTo(Key.BACKQUOTE);
    }

    @Test
    void keysAPcKeyboardLacksGiveNothing() {
        assertThat(GlfwKeys.of(GLFW_KEY_F13)).isNull();
        assertThat(GlfwKeys.of(GLFW_KEY_UNKNOWN)).isNull();
    }
}
