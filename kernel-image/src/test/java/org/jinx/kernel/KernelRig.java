package org.jinx.kernel;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.ipc.AsyncTable;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;
import org.jinx.mem.FlatGuestMemory;

/**
 * A kernel over flat test memory, with processes made the way RS would make them, and IPC
 * issued exactly as the trap does it: ECX/EAX/EBX in the saved context, then
 * {@link Kernel#ipcTrap}, then EAX read back. Each process owns a 64 KiB window of the flat
 * array as its address space (space id = window base), with a send buffer, a receive buffer and
 * an asynsend table at fixed offsets.
 */
public final class KernelRig {
    public static final int WINDOW = 0x10000;
    public static final int SEND_BUF = 0x100;
    public static final int RECV_BUF = 0x200;
    public static final int KCALL_BUF = 0x300;
    public static final int TABLE = 0x1000;
    /** Offset of the tag word the rig writes into every message it sends. */
    public static final int TAG = Message.PAYLOAD;

    public final FlatGuestMemory mem = new FlatGuestMemory(8 << 20);
    public final List<String> log = new ArrayList<>();
    public final Kernel kernel = new Kernel(mem, log::add);
    private int nextBase = 0x100000;

    /** A runnable system process with a dynamic priv id and SET_SYS's default masks. */
    public Proc sys(String name) {
        return sys(name, -1);
    }

    /** A runnable system process with a chosen priv id. */
    public Proc sys(String name, int privId) {
        Proc p = kernel.newProcess(name);
        kernel.setSystemPriv(p, privId);
        giveSpace(p);
        kernel.allow(p);
        return p;
    }

    /** A runnable user process (shared user priv: SENDREC only, no kernel calls). */
    public Proc user(String name) {
        Proc p = kernel.newProcess(name);
        kernel.setUserPriv(p);
        giveSpace(p);
        kernel.allow(p);
        return p;
    }

    private void giveSpace(Proc p) {
        int base = nextBase;
        nextBase += WINDOW;
        p.context.cr3 = base;
        mem.map(base, base, WINDOW, true);
    }

    public int base(Proc p) {
        return p.context.cr3;
    }

    public int sendBuf(Proc p) {
        return base(p) + SEND_BUF;
    }

    public int recvBuf(Proc p) {
        return base(p) + RECV_BUF;
    }

    public int table(Proc p) {
        return base(p) + TABLE;
    }

    // ---------------------------------------------------------------- traps

    /** The raw trap: returns EAX afterwards. */
    public int ipc(Proc p, int call, int endpoint, int ptr) {
        p.context.ecx = call;
        p.context.eax = endpoint;
        p.context.ebx = ptr;
        kernel.ipcTrap(p);
        return p.context.eax;
    }

    /** SEND of a message with m_type {@code type} and {@code tag} at offset 8. */
    public int send(Proc p, int dst, int type, int tag) {
        writeMessage(sendBuf(p), type, tag);
        return ipc(p, IpcCall.SEND, dst, sendBuf(p));
    }

    public int send(Proc p, Proc dst, int tag) {
        return send(p, dst.endpoint(), 0x100, tag);
    }

    public int sendnb(Proc p, Proc dst, int tag) {
        writeMessage(sendBuf(p), 0x100, tag);
        return ipc(p, IpcCall.SENDNB, dst.endpoint(), sendBuf(p));
    }

    /** SENDREC: the request and the reply share the send buffer, as in libc. */
    public int sendrec(Proc p, Proc dst, int tag) {
        writeMessage(sendBuf(p), 0x200, tag);
        return ipc(p, IpcCall.SENDREC, dst.endpoint(), sendBuf(p));
    }

    public int receive(Proc p, int src) {
        return ipc(p, IpcCall.RECEIVE, src, recvBuf(p));
    }

    public int receive(Proc p, Proc src) {
        return receive(p, src.endpoint());
    }

    public int notify(Proc p, int dst) {
        return ipc(p, IpcCall.NOTIFY, dst, 0);
    }

    public int senda(Proc p, int count) {
        return ipc(p, IpcCall.SENDA, count, table(p));
    }

    // ---------------------------------------------------------------- the receiving side

    /**
     * Lets p run as the scheduler would (its waiting message is copied out) and returns the
     * message in the buffer it received into.
     */
    public Message delivered(Proc p) {
        if (!kernel.dispatch(p)) {
            throw new AssertionError(p + " could not take its message; log: " + log);
        }
        return readMessage(p, p.delivermsgVir);
    }

    /** EAX of p after it has been dispatched. */
    public int eax(Proc p) {
        return p.context.eax;
    }

    /** The IPC status word of p (EBX). */
    public int status(Proc p) {
        return p.context.ebx;
    }

    // ---------------------------------------------------------------- guest memory

    public void writeMessage(int addr, int type, int tag) {
        byte[] b = mem.bytes();
        java.util.Arrays.fill(b, addr, addr + Message.SIZE, (byte) 0);
        put32(addr + Message.SOURCE, 0x7777); // a forged m_source the kernel must overwrite
        put32(addr + Message.TYPE, type);
        put32(addr + TAG, tag);
    }

    public Message readMessage(Proc p, int addr) {
        Message m = new Message();
        if (!mem.copyIn(p.context.cr3, addr, m.buf, 0, Message.SIZE).ok()) {
            throw new AssertionError("cannot read " + Integer.toHexString(addr) + " of " + p);
        }
        return m;
    }

    /** Writes asynmsg_t entry {@code i} of p's table: dst and message first, flags last. */
    public void asyncEntry(Proc p, int i, int flags, int dst, int type, int tag) {
        int at = table(p) + i * AsyncTable.ENTRY_SIZE;
        put32(at + 4, dst);
        put32(at + 8, 0x5EED);  // result: garbage until the kernel writes it
        writeMessage(at + 16, type, tag);
        put32(at, flags);
    }

    public int entryFlags(Proc p, int i) {
        return get32(table(p) + i * AsyncTable.ENTRY_SIZE);
    }

    public int entryResult(Proc p, int i) {
        return get32(table(p) + i * AsyncTable.ENTRY_SIZE + 8);
    }

    public void put32(int addr, int v) {
        byte[] b = mem.bytes();
        b[addr] = (byte) v;
        b[addr + 1] = (byte) (v >>> 8);
        b[addr + 2] = (byte) (v >>> 16);
        b[addr + 3] = (byte) (v >>> 24);
    }

    public int get32(int addr) {
        byte[] b = mem.bytes();
        return b[addr] & 0xFF | (b[addr + 1] & 0xFF) << 8 | (b[addr + 2] & 0xFF) << 16 | b[addr + 3] << 24;
    }

    /** The process table, for failure messages. */
    public String dump() {
        return kernel.procs().dump();
    }
}
