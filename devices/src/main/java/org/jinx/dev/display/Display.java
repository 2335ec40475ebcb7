package org.jinx.dev.display;

import org.jinx.dev.kbd.Key;

/**
 * Where the screen goes: a window in tools, nothing in tests and headless runs. Both calls are
 * made on the emulator thread; an implementation that draws on a thread of its own copies the
 * frame and queues key events.
 */
public interface Display {
    /** Receives key events on the emulator thread. */
    @FunctionalInterface
    interface KeySink {
        void key(Key key, boolean pressed);
    }

    /** A new frame: {@code argb} holds {@code width × height} pixels, row by row. The array is reused. */
    void show(int[] argb, int width, int height);

    /** Hands over the key events that arrived since the last call. */
    void pollKeys(KeySink sink);

    /** The display went away (the user closed the window): the run should end. */
    default boolean closed() {
        return false;
    }

    default void close() {
    }

    /** No screen: frames vanish, no keys arrive. */
    Display NULL = new Display() {
        @Override
        public void show(int[] argb, int width, int height) {
        }

        @Override
        public void pollKeys(KeySink sink) {
        }
    };
}
