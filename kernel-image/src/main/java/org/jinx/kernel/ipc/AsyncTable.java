package org.jinx.kernel.ipc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jinx.kernel.abi.Abi;
import org.jinx.mem.GuestMemory;

/**
 * A sender's asynsend table, read and written where it lives: in the sender's own memory
 * (spec 4.1). The kernel keeps no copy; it reads an entry each time it scans and writes back
 * only the result and the DONE flag.
 *
 * <p>Layout of one asynmsg_t (80 bytes): flags @0, dst @4, result @8, padding @12, msg @16.
 */
public final class AsyncTable {
    @Abi(sizeOf = "asynmsg_t")
    public static final int ENTRY_SIZE = 80;
    private static final int FLAGS = 0, DST = 4, RESULT = 8, MSG = 16;
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    @Abi

    public static final int AMF_EMPTY = 0;
    @Abi
    public static final int AMF_VALID = 0x01;
    @Abi
    public static final int AMF_DONE = 0x02;
    @Abi
    public static final int AMF_NOTIFY = 0x04;
    @Abi
    public static final int AMF_NOREPLY = 0x08;
    @Abi
    public static final int AMF_NOTIFY_ERR = 0x10;
    private static final int AMF_KNOWN = AMF_VALID | AMF_DONE | AMF_NOTIFY | AMF_NOREPLY | AMF_NOTIFY_ERR;

    /**
     * One entry as the kernel read it. The message stays where it was read from (the scan's
     * copy of the table) until it is wanted: most entries a scan passes are finished, or for
     * someone else, and their 64 bytes are never needed. Valid until the next read.
     */
    public static final class Entry {
        public int flags;
        public int dst;
        public int result;
        /** Where an entry read outside a scan's copy is kept: dst onwards. */
        private final byte[] own = new byte[ENTRY_SIZE - DST];
        private byte[] body;
        private int msgAt;

        /** The message's m_type. */
        public int msgType() {
            return le32(body, msgAt + Message.TYPE);
        }

        /** Copies the message into {@code m}. */
        public void copyMessageTo(Message m) {
            m.copyFrom(body, msgAt);
        }

        /** Whether both messages are equal from m_type on (m_source is the kernel's to set). */
        public boolean sameMessageAs(Entry o) {
            return Arrays.equals(body, msgAt + Message.TYPE, msgAt + Message.SIZE,
                    o.body, o.msgAt + Message.TYPE, o.msgAt + Message.SIZE);
        }
    }

    private final GuestMemory mem;
    /**
     * A copy of the whole table taken at the start of one scan, so that a scan of n entries costs
     * one checked copy instead of 2n. The guest cannot run during a kernel operation, so the copy
     * stays true until {@link #endScan}; entries the kernel completes are written to both.
     */
    private byte[] snapshot = new byte[0];
    private int snapSpace;
    private int snapTable;
    private int snapCount = -1;

    public AsyncTable(GuestMemory mem) {
        this.mem = mem;
    }

    /**
     * Starts a scan of {@code count} entries at {@code table}: copies them in one go if the whole
     * table is readable (otherwise entries are read one by one, and unreadable ones fail alone).
     */
    public void beginScan(int space, int table, int count) {
        snapCount = -1;
        long bytes = (long) count * ENTRY_SIZE;
        if (count <= 0 || bytes > Integer.MAX_VALUE || entryAddress(table, count - 1) == -1) {
            return;
        }
        if (snapshot.length < bytes) {
            // Doubling: a table that grows an entry per call (asynsend) reallocates only log n times.
            snapshot = new byte[(int) Math.max(bytes, Math.min(Integer.MAX_VALUE - 8, 2L * snapshot.length))];
        }
        if (mem.copyIn(space, table, snapshot, 0, (int) bytes).ok()) {
            snapSpace = space;
            snapTable = table;
            snapCount = count;
        }
    }

    /** Ends the scan begun by {@link #beginScan}: later reads go to guest memory again. */
    public void endScan() {
        snapCount = -1;
    }

    private boolean inSnapshot(int space, int table, int index) {
        return index >= 0 && index < snapCount && space == snapSpace && table == snapTable;
    }

    /**
     * Reads entry {@code index} of the table at {@code table} in address space {@code space}.
     * The flags word is read last, mirroring libsys, which writes VALID last: the entry is
     * taken as valid only after its contents have been fetched. Returns false if any of it is
     * unreadable.
     */
    public boolean read(int space, int table, int index, Entry e) {
        if (inSnapshot(space, table, index)) {
            int o = index * ENTRY_SIZE;
            e.flags = le32(snapshot, o + FLAGS);
            e.dst = le32(snapshot, o + DST);
            e.result = le32(snapshot, o + RESULT);
            e.body = snapshot;
            e.msgAt = o + MSG;
            return true;
        }
        int at = entryAddress(table, index);
        if (at == -1 || !mem.copyIn(space, at + DST, e.own, 0, e.own.length).ok()) {
            return false;
        }
        long flags = mem.read32(space, at + FLAGS);
        if (flags == GuestMemory.FAULT) {
            return false;
        }
        e.dst = le32(e.own, 0);
        e.result = le32(e.own, RESULT - DST);
        e.body = e.own;
        e.msgAt = MSG - DST;
        e.flags = (int) flags;
        return true;
    }

    /**
     * Entry {@code index}'s flags word from the scan's copy of the table, or
     * {@link GuestMemory#FAULT} when the scan has no copy of it (then {@link #read} it): enough
     * to pass over the empty and finished entries of a readable table without reading the rest.
     */
    public long copiedFlags(int space, int table, int index) {
        if (inSnapshot(space, table, index)) {
            return le32(snapshot, index * ENTRY_SIZE + FLAGS) & 0xFFFFFFFFL;
        }
        return GuestMemory.FAULT;
    }

    /**
     * Finishes an entry: writes the result, then flags with DONE set (DONE last, so a sender that
     * sees DONE sees the result too). Returns false if the write failed; callers ignore that,
     * as MINIX does.
     */
    public boolean complete(int space, int table, int index, int flags, int result) {
        if (inSnapshot(space, table, index)) {
            put32(snapshot, index * ENTRY_SIZE + RESULT, result);
            put32(snapshot, index * ENTRY_SIZE + FLAGS, flags | AMF_DONE);
        }
        int at = entryAddress(table, index);
        return at != -1 && mem.write32(space, at + RESULT, result).ok()
                && mem.write32(space, at + FLAGS, flags | AMF_DONE).ok();
    }

    /** Non-empty entries must have VALID and no unknown bit. */
    public static boolean isValid(int flags) {
        return (flags & ~AMF_KNOWN) == 0 && (flags & AMF_VALID) != 0;
    }

    /** Whether finishing an entry with {@code result} asks for an ASYNCM notification. */
    public static boolean wantsNotify(int flags, int result) {
        return (flags & AMF_NOTIFY) != 0 || (flags & AMF_NOTIFY_ERR) != 0 && result != 0;
    }

    /** The entry's address, or -1 if it lies beyond 4 GiB (the range check is then WRAP). */
    private static int entryAddress(int table, int index) {
        long at = (table & 0xFFFFFFFFL) + (long) index * ENTRY_SIZE;
        return at + ENTRY_SIZE > 0x1_0000_0000L ? -1 : (int) at;
    }

    private static void put32(byte[] b, int o, int v) {
        LE32.set(b, o, v);
    }

    private static int le32(byte[] b, int o) {
        return (int) LE32.get(b, o);
    }
}
