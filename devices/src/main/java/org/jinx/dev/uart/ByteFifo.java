package org.jinx.dev.uart;

/** A byte ring of up to 16 entries whose usable depth is 16 (FIFO mode) or 1 (16450 mode). */
final class ByteFifo {
    static final int SIZE = 16;
    private final byte[] data = new byte[SIZE];
    private int head;
    private int count;
    private int depth = 1;

    void setDepth(int d) {
        depth = d;
        clear();
    }

    int depth() {
        return depth;
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count >= depth;
    }

    void clear() {
        head = 0;
        count = 0;
    }

    void push(int b) {
        data[(head + count) % SIZE] = (byte) b;
        count++;
    }

    /** Replaces the newest byte (16450 overrun: the unread character is destroyed). */
    void replaceLast(int b) {
        data[(head + count - 1) % SIZE] = (byte) b;
    }

    int pop() {
        int b = data[head] & 0xFF;
        head = (head + 1) % SIZE;
        count--;
        return b;
    }

    /** The contents, oldest first, for a snapshot. */
    byte[] toBytes() {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = data[(head + i) % SIZE];
        }
        return out;
    }

    void fromBytes(byte[] b) {
        head = 0;
        count = Math.min(b.length, depth);
        System.arraycopy(b, 0, data, 0, count);
    }
}
