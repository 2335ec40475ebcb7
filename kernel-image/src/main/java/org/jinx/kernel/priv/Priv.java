package org.jinx.kernel.priv;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.ipc.IpcFilter;
import org.jinx.kernel.proc.Endpoint;

/**
 * A privilege structure (MINIX struct priv, spec 3.1). System processes have one each; all user
 * processes share {@link PrivTable#USER_PRIV_ID}. Bitmaps over priv ids are longs, since there
 * are 64 priv ids; the kernel-call mask is a long over call index n = SYS_xxx - 0x600.
 */
public final class Priv {
    // ---------------------------------------------------------------- slot-bound
    public final int id;
    /** Owning process slot, or NONE when the structure is free. */
    public int procNr = Endpoint.NONE;
    /** Priv ids with a notification pending for us (s_notify_pending). */
    public long notifyPending;
    /** Priv ids whose async tables may hold a message for us (a hint; s_asyn_pending). */
    public long asynPending;
    /** IRQ notify-id bits pending, reported by the next HARDWARE notification. */
    public int intPending;
    /** System signals pending, reported by the next SYSTEM notification; signal n is bit n-1. */
    public final long[] sigPending = new long[2];

    // ---------------------------------------------------------------- image-bound
    public int flags;
    /** Bit n set: IPC call n may be used. */
    public int trapMask;
    /** Bit i set: may send to the process holding priv id i (s_ipc_to). */
    public long ipcTo;
    public long kCallMask;
    /** Registered asynsend table: user address (-1 none), entry count (0 none), registering endpoint. */
    public int asyntab = -1;
    public int asynsize;
    public int asynendpoint = Endpoint.NONE;
    /** Signal manager endpoint (SELF: handles its own signals), and the backup one. */
    public int sigMgr = Endpoint.NONE;
    public int bakSigMgr = Endpoint.NONE;
    /** IPC filter chain installed during live-update preparation. */
    public final List<IpcFilter> filters = new ArrayList<>();
    /** Allowed I/O port ranges {first, last}, memory ranges {base, limit}, IRQ lines. */
    public final List<int[]> ioRanges = new ArrayList<>();
    public final List<int[]> memRanges = new ArrayList<>();
    public final List<Integer> irqs = new ArrayList<>();
    /** State table registered with SYS_STATECTL SET_STATE_TABLE (address, entries), for live update. */
    public int stateTable;
    public int stateEntries;
    /** Registered grant table (SYS_SETGRANT): address, entries, and the endpoint that registered it. */
    public int grantTable;
    public int grantEntries;
    public int grantEndpoint = Endpoint.NONE;

    Priv(int id) {
        this.id = id;
    }

    /**
     * Exchanges everything image-bound with {@code other} (spec 5.6): flags, masks, signal
     * managers, the asynsend and grant registrations, the state table, the IPC filter chain and
     * the allowances. The id, the owner and every pending bitmap stay with the slot. Each image's
     * right to send to its old slot becomes a right to send to the other, so neither ends up
     * holding its own bit.
     */
    public void swapImageWith(Priv other) {
        int t = flags;
        flags = other.flags;
        other.flags = t;
        t = trapMask;
        trapMask = other.trapMask;
        other.trapMask = t;
        long l = ipcTo;
        ipcTo = swapBits(other.ipcTo, id, other.id);
        other.ipcTo = swapBits(l, id, other.id);
        l = kCallMask;
        kCallMask = other.kCallMask;
        other.kCallMask = l;
        t = asyntab;
        asyntab = other.asyntab;
        other.asyntab = t;
        t = asynsize;
        asynsize = other.asynsize;
        other.asynsize = t;
        t = asynendpoint;
        asynendpoint = other.asynendpoint;
        other.asynendpoint = t;
        t = sigMgr;
        sigMgr = other.sigMgr;
        other.sigMgr = t;
        t = bakSigMgr;
        bakSigMgr = other.bakSigMgr;
        other.bakSigMgr = t;
        swapLists(filters, other.filters);
        swapLists(ioRanges, other.ioRanges);
        swapLists(memRanges, other.memRanges);
        swapLists(irqs, other.irqs);
        t = grantTable;
        grantTable = other.grantTable;
        other.grantTable = t;
        t = grantEntries;
        grantEntries = other.grantEntries;
        other.grantEntries = t;
        t = grantEndpoint;
        grantEndpoint = other.grantEndpoint;
        other.grantEndpoint = t;
        t = stateTable;
        stateTable = other.stateTable;
        other.stateTable = t;
        t = stateEntries;
        stateEntries = other.stateEntries;
        other.stateEntries = t;
    }

    private static long swapBits(long mask, int a, int b) {
        long bitA = mask >>> a & 1;
        long bitB = mask >>> b & 1;
        mask &= ~(bit(a) | bit(b));
        return mask | bitA << b | bitB << a;
    }

    private static <T> void swapLists(List<T> a, List<T> b) {
        List<T> t = new ArrayList<>(a);
        a.clear();
        a.addAll(b);
        b.clear();
        b.addAll(t);
    }

    public boolean isFree() {
        return procNr == Endpoint.NONE;
    }

    public boolean isSysProc() {
        return (flags & PrivFlag.SYS_PROC) != 0;
    }

    public boolean mayTrap(int call) {
        return call >= 0 && call < 32 && (trapMask >>> call & 1) != 0;
    }

    public boolean maySendTo(int privId) {
        return (ipcTo >>> privId & 1) != 0;
    }

    public boolean mayCall(int callIndex) {
        return callIndex >= 0 && callIndex < 64 && (kCallMask >>> callIndex & 1) != 0;
    }

    public static long bit(int privId) {
        return 1L << privId;
    }

    /** Adds signal {@code sig} (1-based) to the pending system signals. */
    public void addSigPending(int sig) {
        sigPending[(sig - 1) >>> 6] |= 1L << ((sig - 1) & 63);
    }

    /** Empties the registration of the asynsend table (what SENDA does first). */
    public void unregisterAsyncTable() {
        asyntab = -1;
        asynsize = 0;
    }
}
