package org.jinx.tools.display;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL11.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jinx.dev.display.Display;
import org.jinx.dev.kbd.Key;
import org.lwjgl.BufferUtils;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;

/**
 * The VGA screen in a GLFW window, drawn with OpenGL as one texture scaled to the window. The
 * window has its own thread: it owns GLFW and the GL context, takes the newest frame the
 * emulator thread handed over, and queues key presses and releases for {@link #pollKeys}.
 * Closing the window ends the run.
 */
public final class WindowDisplay implements Display {
    /** No window can be had: no X display, no GLFW, no OpenGL. */
    public static final class DisplayUnavailableException extends Exception {
        DisplayUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    private record KeyEvent(Key key, boolean pressed) {
    }

    private final ConcurrentLinkedQueue<KeyEvent> keys = new ConcurrentLinkedQueue<>();
    private final Object frameLock = new Object();
    private int[] frame = new int[0];
    private int frameWidth;
    private int frameHeight;
    private boolean frameNew;
    private volatile boolean closed;
    private volatile boolean stopping;
    private volatile CompletableFuture<int[]> screenshotRequest;
    private Thread thread;
    private long window;

    private WindowDisplay() {
    }

    /** Opens the window, or says why it cannot. */
    public static WindowDisplay open(String title) throws DisplayUnavailableException {
        WindowDisplay d = new WindowDisplay();
        CompletableFuture<String> started = new CompletableFuture<>();
        d.thread = new Thread(() -> d.loop(title, started), "jinx-display");
        d.thread.setDaemon(true);
        d.thread.start();
        String problem;
        try {
            problem = started.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            problem = "the window did not open (" + e + ")";
        }
        if (problem != null) {
            d.close();
            throw new DisplayUnavailableException(problem);
        }
        return d;
    }

    private void loop(String title, CompletableFuture<String> started) {
        try {
            GLFWErrorCallback.createPrint(System.err).set();
        } catch (Throwable t) {
            started.complete("LWJGL cannot load its native libraries: " + t.getMessage());
            return;
        }
        if (!glfwInit()) {
            started.complete("GLFW cannot start (is there an X display? DISPLAY="
                    + System.getenv("DISPLAY") + ")");
            return;
        }
        try {
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_VISIBLE, GLFW_TRUE);
            glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
            window = glfwCreateWindow(640, 400, title, 0, 0);
            if (window == 0) {
                started.complete("GLFW could not create an OpenGL window");
                return;
            }
            glfwMakeContextCurrent(window);
            GL.createCapabilities();
            glfwSwapInterval(1);
            glfwSetKeyCallback(window, (w, key, scancode, action, mods) -> {
                Key k = GlfwKeys.of(key);
                if (k != null && action != GLFW_REPEAT) {
                    keys.add(new KeyEvent(k, action == GLFW_PRESS));
                } else if (k != null) {
                    keys.add(new KeyEvent(k, true)); // typematic repeat: one more make code
                }
            });
            int texture = glGenTextures();
            glBindTexture(GL_TEXTURE_2D, texture);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
            glEnable(GL_TEXTURE_2D);
            started.complete(null);
            render(texture);
        } catch (Throwable t) {
            started.complete("the window failed: " + t);
        } finally {
            if (window != 0) {
                glfwDestroyWindow(window);
            }
            glfwTerminate();
            closed = true;
        }
    }

    private void render(int texture) {
        ByteBuffer pixels = null;
        int texW = 0;
        int texH = 0;
        while (!stopping && !glfwWindowShouldClose(window)) {
            glfwWaitEventsTimeout(1.0 / 60);
            boolean fresh;
            synchronized (frameLock) {
                fresh = frameNew;
                if (fresh) {
                    if (pixels == null || pixels.capacity() < frame.length * 4) {
                        pixels = BufferUtils.createByteBuffer(frame.length * 4);
                    }
                    pixels.clear();
                    for (int p : frame) { // ARGB to RGBA bytes
                        pixels.put((byte) (p >> 16)).put((byte) (p >> 8)).put((byte) p).put((byte) 0xFF);
                    }
                    pixels.flip();
                    texW = frameWidth;
                    texH = frameHeight;
                    frameNew = false;
                }
            }
            if (fresh) {
                glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, texW, texH, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
            }
            int[] w = new int[1];
            int[] h = new int[1];
            glfwGetFramebufferSize(window, w, h);
            glViewport(0, 0, w[0], h[0]);
            glClearColor(0, 0, 0, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            if (texW > 0) {
                glBegin(GL_QUADS);
                glTexCoord2f(0, 0);
                glVertex2f(-1, 1);
                glTexCoord2f(1, 0);
                glVertex2f(1, 1);
                glTexCoord2f(1, 1);
                glVertex2f(1, -1);
                glTexCoord2f(0, 1);
                glVertex2f(-1, -1);
                glEnd();
            }
            CompletableFuture<int[]> shot = screenshotRequest;
            if (shot != null && texW > 0) {
                screenshotRequest = null;
                shot.complete(readBack(w[0], h[0]));
            }
            glfwSwapBuffers(window);
        }
    }

    /** The drawn window contents as ARGB, top row first; element 0 and 1 are width and height. */
    private static int[] readBack(int w, int h) {
        glFinish();
        IntBuffer buf = BufferUtils.createIntBuffer(w * h);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, buf);
        int[] out = new int[2 + w * h];
        out[0] = w;
        out[1] = h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgba = buf.get((h - 1 - y) * w + x); // GL's rows start at the bottom
                int r = rgba & 0xFF;
                int g = rgba >> 8 & 0xFF;
                int b = rgba >> 16 & 0xFF;
                out[2 + y * w + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return out;
    }

    /**
     * Reads back what the window shows, after the next frame is drawn: width, height, then
     * ARGB pixels top row first. For tests and screenshots.
     */
    public int[] screenshot(long timeoutMillis) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<int[]> f = new CompletableFuture<>();
        screenshotRequest = f;
        return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void show(int[] argb, int width, int height) {
        synchronized (frameLock) {
            if (frame.length != argb.length) {
                frame = new int[argb.length];
            }
            System.arraycopy(argb, 0, frame, 0, argb.length);
            frameWidth = width;
            frameHeight = height;
            frameNew = true;
        }
    }

    @Override
    public void pollKeys(KeySink sink) {
        KeyEvent e;
        while ((e = keys.poll()) != null) {
            sink.key(e.key, e.pressed);
        }
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        stopping = true;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
