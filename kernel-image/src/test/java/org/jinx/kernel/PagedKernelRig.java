package org.jinx.kernel;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.mm.FrameAllocator;
import org.jinx.kernel.mm.PagedAddressSpaces;
import org.jinx.kernel.proc.Proc;
import org.jinx.mem.PagedGuestMemory;
import org.jinx.mem.PhysicalMemory;

/**
 * A kernel over real i386 page tables in physical memory, without a CPU: processes get address
 * spaces from the kernel's own memory manager, and kernel calls are issued as INT 0x20 issues
 * them (EAX = the message's address, then the trap handler). Each process has its data pages at
 * {@link #DATA} (writable) and a read-only page at {@link #RODATA}; everything else is unmapped.
 */
public final class PagedKernelRig {
    public static final int DATA = 0x00400000;
    public static final int DATA_SIZE = 0x10000;
    public static final int RODATA = 0x00500000;
    /** Where kcall() puts its message. */
    public static final int KCALL_BUF = DATA;
    /** Free scratch space for the test's own structures. */
    public static final int SCRATCH = DATA + 0x1000;
    public static final int UNMAPPED = 0x00600000;

    public final PhysicalMemory mem = new PhysicalMemory(16 << 20);
    public final FrameAllocator frames = new FrameAllocator(0x100000, 16 << 20);
    public final PagedAddressSpaces spaces = new PagedAddressSpaces(mem, frames);
    public final PagedGuestMemory guest = new PagedGuestMemory(mem);
    public final RecordingPortIo ports = new RecordingPortIo();
    public final List<String> log = new ArrayList<>();
    public final StringBuilder console = new StringBuilder();
    public final Kernel kernel = new Kernel(guest, spaces, ports, log::add);

    public PagedKernelRig() {
        kernel.setConsole(console::append);
        ports.clear();
    }

    /** A runnable system process (SET_SYS defaults, dynamic priv id) with its own address space. */
    public Proc sys(String name) {
        Proc p = kernel.newProcess(name);
        kernel.setSystemPriv(p, -1);
        giveSpace(p);
        kernel.allow(p);
        return p;
    }

    /** A runnable user process (shared user privileges) with its own address space. */
    public Proc user(String name) {
        Proc p = kernel.newProcess(name);
        kernel.setUserPriv(p);
        giveSpace(p);
        kernel.allow(p);
        return p;
    }

    private void giveSpace(Proc p) {
        int space = spaces.create();
        spaces.map(space, DATA, DATA_SIZE, true);
        spaces.map(space, RODATA, 0x1000, false);
        p.context.cr3 = space;
        p.ownsSpace = true;
    }

    /** A kernel call by p: the request m goes to p's KCALL_BUF; returns the reply read back. */
    public Message kcall(Proc p, Message m) {
        write(p, KCALL_BUF, m.buf);
        p.context.eax = KCALL_BUF;
        kernel.kernelCallTrap(p);
        Message reply = new Message();
        read(p, KCALL_BUF, reply.buf);
        return reply;
    }

    /** A request of type {@code type} with int fields at the given offsets: {offset, value, ...}. */
    public static Message request(int type, int... offsetValue) {
        Message m = new Message();
        m.setType(type);
        for (int i = 0; i < offsetValue.length; i += 2) {
            m.setInt(offsetValue[i], offsetValue[i + 1]);
        }
        return m;
    }

    public void write(Proc p, int addr, byte[] bytes) {
        if (!guest.copyOut(p.context.cr3, addr, bytes, 0, bytes.length).ok()) {
            throw new AssertionError("cannot write " + Integer.toHexString(addr) + " of " + p);
        }
    }

    public void read(Proc p, int addr, byte[] into) {
        if (!guest.copyIn(p.context.cr3, addr, into, 0, into.length).ok()) {
            throw new AssertionError("cannot read " + Integer.toHexString(addr) + " of " + p);
        }
    }

    public void put32(Proc p, int addr, int v) {
        write(p, addr, new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    public int get32(Proc p, int addr) {
        byte[] b = new byte[4];
        read(p, addr, b);
        return b[0] & 0xFF | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | b[3] << 24;
    }

    // ---------------------------------------------------------------- IPC as the trap issues it

    /** Where send(), receive() and the asynsend helpers keep their data, in every process. */
    public static final int SEND_BUF = DATA + 0x8000;
    public static final int RECV_BUF = DATA + 0x8100;
    public static final int TABLE = DATA + 0x9000;
    /** Offset of the tag word written into every message. */
    public static final int TAG = Message.PAYLOAD;

    /** INT 0x21 by p; returns EAX. */
    public int ipc(Proc p, int call, int endpoint, int ptr) {
        p.context.ecx = call;
        p.context.eax = endpoint;
        p.context.ebx = ptr;
        kernel.ipcTrap(p);
        return p.context.eax;
    }

    private void message(Proc p, int at, int type, int tag) {
        Message m = new Message();
        m.setSource(0x7777); // forged; the kernel must overwrite it
        m.setType(type);
        m.setInt(TAG, tag);
        write(p, at, m.buf);
    }

    public int send(Proc p, Proc dst, int tag) {
        message(p, SEND_BUF, 0x100, tag);
        return ipc(p, org.jinx.kernel.ipc.IpcCall.SEND, dst.endpoint(), SEND_BUF);
    }

    public int sendrec(Proc p, Proc dst, int tag) {
        message(p, SEND_BUF, 0x200, tag);
        return ipc(p, org.jinx.kernel.ipc.IpcCall.SENDREC, dst.endpoint(), SEND_BUF);
    }

    public int receive(Proc p, int src) {
        return ipc(p, org.jinx.kernel.ipc.IpcCall.RECEIVE, src, RECV_BUF);
    }

    public int notify(Proc p, int dst) {
        return ipc(p, org.jinx.kernel.ipc.IpcCall.NOTIFY, dst, 0);
    }

    public int senda(Proc p, int count) {
        return ipc(p, org.jinx.kernel.ipc.IpcCall.SENDA, count, TABLE);
    }

    /** Writes asynmsg_t entry i of p's table: dst and message first, flags last. */
    public void asyncEntry(Proc p, int i, int flags, int dst, int type, int tag) {
        int at = TABLE + i * org.jinx.kernel.ipc.AsyncTable.ENTRY_SIZE;
        put32(p, at + 4, dst);
        put32(p, at + 8, 0x5EED);
        message(p, at + 16, type, tag);
        put32(p, at, flags);
    }

    public int entryFlags(Proc p, int i) {
        return get32(p, TABLE + i * org.jinx.kernel.ipc.AsyncTable.ENTRY_SIZE);
    }

    /** Lets p run as the scheduler would and returns the message it received. */
    public Message delivered(Proc p) {
        if (!kernel.dispatch(p)) {
            throw new AssertionError(p + " could not take its message; log: " + log);
        }
        Message m = new Message();
        read(p, p.delivermsgVir, m.buf);
        return m;
    }

    /** A live process of the given endpoint, or null. */
    public Proc lookup(int endpoint) {
        return kernel.procs().lookup(endpoint);
    }
}
