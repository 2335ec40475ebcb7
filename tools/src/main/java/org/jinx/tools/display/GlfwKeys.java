package org.jinx.tools.display;

import static org.lwjgl.glfw.GLFW.*;

import java.util.HashMap;
import java.util.Map;
import org.jinx.dev.kbd.Key;

/** GLFW key codes (positions on a US keyboard) to the PC keyboard's keys. */
final class GlfwKeys {
    private static final Map<Integer, Key> KEYS = new HashMap<>();

    static {
        for (int i = 0; i < 26; i++) {
            KEYS.put(GLFW_KEY_A + i, Key.valueOf(String.valueOf((char) ('A' + i))));
        }
        for (int i = 0; i < 10; i++) {
            KEYS.put(GLFW_KEY_0 + i, Key.valueOf("D" + i));
            KEYS.put(GLFW_KEY_KP_0 + i, Key.valueOf("KP_" + i));
        }
        for (int i = 0; i < 12; i++) {
            KEYS.put(GLFW_KEY_F1 + i, Key.valueOf("F" + (i + 1)));
        }
        Object[][] rest = {
            {GLFW_KEY_ESCAPE, Key.ESCAPE}, {GLFW_KEY_GRAVE_ACCENT, Key.BACKQUOTE}, {GLFW_KEY_MINUS, Key.MINUS},
            {GLFW_KEY_EQUAL, Key.EQUALS}, {GLFW_KEY_BACKSPACE, Key.BACKSPACE}, {GLFW_KEY_TAB, Key.TAB},
            {GLFW_KEY_LEFT_BRACKET, Key.LEFT_BRACKET}, {GLFW_KEY_RIGHT_BRACKET, Key.RIGHT_BRACKET},
            {GLFW_KEY_BACKSLASH, Key.BACKSLASH}, {GLFW_KEY_CAPS_LOCK, Key.CAPS_LOCK},
            {GLFW_KEY_SEMICOLON, Key.SEMICOLON}, {GLFW_KEY_APOSTROPHE, Key.QUOTE}, {GLFW_KEY_ENTER, Key.ENTER},
            {GLFW_KEY_LEFT_SHIFT, Key.LEFT_SHIFT}, {GLFW_KEY_COMMA, Key.COMMA}, {GLFW_KEY_PERIOD, Key.PERIOD},
            {GLFW_KEY_SLASH, Key.SLASH}, {GLFW_KEY_RIGHT_SHIFT, Key.RIGHT_SHIFT}, {GLFW_KEY_WORLD_2, Key.EUROPE_102},
            {GLFW_KEY_LEFT_CONTROL, Key.LEFT_CTRL}, {GLFW_KEY_LEFT_SUPER, Key.LEFT_GUI},
            {GLFW_KEY_LEFT_ALT, Key.LEFT_ALT}, {GLFW_KEY_SPACE, Key.SPACE}, {GLFW_KEY_RIGHT_ALT, Key.RIGHT_ALT},
            {GLFW_KEY_RIGHT_SUPER, Key.RIGHT_GUI}, {GLFW_KEY_MENU, Key.MENU}, {GLFW_KEY_RIGHT_CONTROL, Key.RIGHT_CTRL},
            {GLFW_KEY_PRINT_SCREEN, Key.PRINT_SCREEN}, {GLFW_KEY_SCROLL_LOCK, Key.SCROLL_LOCK},
            {GLFW_KEY_PAUSE, Key.PAUSE}, {GLFW_KEY_INSERT, Key.INSERT}, {GLFW_KEY_HOME, Key.HOME},
            {GLFW_KEY_PAGE_UP, Key.PAGE_UP}, {GLFW_KEY_DELETE, Key.DELETE}, {GLFW_KEY_END, Key.END},
            {GLFW_KEY_PAGE_DOWN, Key.PAGE_DOWN}, {GLFW_KEY_UP, Key.UP}, {GLFW_KEY_LEFT, Key.LEFT},
            {GLFW_KEY_DOWN, Key.DOWN}, {GLFW_KEY_RIGHT, Key.RIGHT}, {GLFW_KEY_NUM_LOCK, Key.NUM_LOCK},
            {GLFW_KEY_KP_DIVIDE, Key.KP_DIVIDE}, {GLFW_KEY_KP_MULTIPLY, Key.KP_MULTIPLY},
            {GLFW_KEY_KP_SUBTRACT, Key.KP_MINUS}, {GLFW_KEY_KP_ADD, Key.KP_PLUS}, {GLFW_KEY_KP_ENTER, Key.KP_ENTER},
            {GLFW_KEY_KP_DECIMAL, Key.KP_PERIOD},
        };
        for (Object[] r : rest) {
            KEYS.put((Integer) r[0], (Key) r[1]);
        }
    }

    private GlfwKeys() {
    }

    /** The PC key for a GLFW key code, or null for keys a PC keyboard does not have. */
    static Key of(int glfwKey) {
        return KEYS.get(glfwKey);
    }
}
