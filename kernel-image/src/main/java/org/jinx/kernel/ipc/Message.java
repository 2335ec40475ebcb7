package org.jinx.kernel.ipc;

import org.jinx.kernel.abi.Abi;

import java.util.Arrays;

/**
 * A 64-byte MINIX message held by the kernel (spec 2.1): m_source at 0, m_type at 4, a 56-byte
 * payload union after that, little endian as on the i386. Named views give the layouts the
 * kernel itself builds or reads; everything else is opaque payload copied whole.
 */
public final class Message {
    @Abi(sizeOf = "message")
    public static final int SIZE = 64;
    @Abi(offsetOf = "message.m_source")
    public static final int SOURCE = 0;
    @Abi(offsetOf = "message.m_type")
    public static final int TYPE = 4;
    public static final int PAYLOAD = 8;

    /** m_type of every kernel-built notification. */
    @Abi
    public static final int NOTIFY_MESSAGE = 0x1000;
    // m_notify: a monotonic tick timestamp, the IRQ bits (from HARDWARE), the sigset (from SYSTEM).
    @Abi(msg = "m_notify.timestamp")
    public static final int NOTIFY_TIMESTAMP = 8;
    @Abi(msg = "m_notify.interrupts")
    public static final int NOTIFY_INTERRUPTS = 16;
    @Abi(msg = "m_notify.sigset")
    public static final int NOTIFY_SIGSET = 24;
    // m1: the generic layout most kernel-call requests use.
    @Abi(msg = "m_m1.m1i1")
    public static final int M1_I1 = 16;
    @Abi(msg = "m_m1.m1i2")
    public static final int M1_I2 = 20;
    @Abi(msg = "m_m1.m1i3")
    public static final int M1_I3 = 24;
    @Abi(msg = "m_m1.m1p1")
    public static final int M1_P1 = 28;

    public final byte[] buf = new byte[SIZE];

    public int source() {
        return getInt(SOURCE);
    }

    public void setSource(int endpoint) {
        setInt(SOURCE, endpoint);
    }

    public int type() {
        return getInt(TYPE);
    }

    public void setType(int type) {
        setInt(TYPE, type);
    }

    public int getInt(int off) {
        return buf[off] & 0xFF | (buf[off + 1] & 0xFF) << 8 | (buf[off + 2] & 0xFF) << 16 | buf[off + 3] << 24;
    }

    public void setInt(int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
        buf[off + 2] = (byte) (v >>> 16);
        buf[off + 3] = (byte) (v >>> 24);
    }

    public long getLong(int off) {
        return getInt(off) & 0xFFFFFFFFL | (long) getInt(off + 4) << 32;
    }

    public void setLong(int off, long v) {
        setInt(off, (int) v);
        setInt(off + 4, (int) (v >>> 32));
    }

    public void clear() {
        Arrays.fill(buf, (byte) 0);
    }

    public void copyFrom(Message o) {
        System.arraycopy(o.buf, 0, buf, 0, SIZE);
    }

    public void copyFrom(byte[] src, int off) {
        System.arraycopy(src, off, buf, 0, SIZE);
    }

    // ---------------------------------------------------------------- m_notify view

    public long notifyTimestamp() {
        return getLong(NOTIFY_TIMESTAMP);
    }

    public long notifyInterrupts() {
        return getLong(NOTIFY_INTERRUPTS);
    }

    /** The notify sigset as two 64-bit words; signal n is bit n-1 (NetBSD sigset_t order). */
    public long notifySigset(int word) {
        return getLong(NOTIFY_SIGSET + 8 * word);
    }

    @Override
    public String toString() {
        return "msg{src=" + source() + " type=0x" + Integer.toHexString(type()) + "}";
    }
}
