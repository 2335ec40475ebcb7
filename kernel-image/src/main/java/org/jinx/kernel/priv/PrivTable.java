package org.jinx.kernel.priv;

import org.jinx.kernel.abi.Abi;

import org.jinx.kernel.proc.Endpoint;

/**
 * The NR_SYS_PROCS privilege structures (spec 2.4). Boot processes use static ids
 * (NR_TASKS + slot), all user processes share {@link #USER_PRIV_ID}, and later system processes
 * get a dynamic id from 17 up.
 */
public final class PrivTable {
    @Abi
    public static final int NR_SYS_PROCS = 64;
    @Abi
    public static final int USER_PRIV_ID = Endpoint.NR_TASKS + Endpoint.INIT;
    private static final int FIRST_DYN_PRIV_ID = USER_PRIV_ID + 1;

    private final Priv[] privs = new Priv[NR_SYS_PROCS];

    public PrivTable() {
        for (int i = 0; i < NR_SYS_PROCS; i++) {
            privs[i] = new Priv(i);
        }
    }

    public Priv get(int id) {
        return privs[id];
    }

    /** The static priv id of a boot slot (tasks and boot processes). */
    public static int staticId(int slot) {
        return Endpoint.NR_TASKS + slot;
    }

    /** A free dynamic structure claimed for {@code slot}, or null when all are taken. */
    public Priv allocDynamic(int slot) {
        for (int i = FIRST_DYN_PRIV_ID; i < NR_SYS_PROCS; i++) {
            if (privs[i].isFree()) {
                Priv p = privs[i];
                reset(p);
                p.procNr = slot;
                p.flags = PrivFlag.DYN_PRIV_ID;
                return p;
            }
        }
        return null;
    }

    /** How many dynamic structures are free. */
    public int freeDynamic() {
        int n = 0;
        for (int i = FIRST_DYN_PRIV_ID; i < NR_SYS_PROCS; i++) {
            if (privs[i].isFree()) {
                n++;
            }
        }
        return n;
    }

    /** Claims a specific structure (boot, or a static id given by SET_SYS). */
    public Priv claim(int id, int slot) {
        Priv p = privs[id];
        if (!p.isFree() && p.procNr != slot) {
            throw new IllegalStateException("priv id " + id + " already belongs to slot " + p.procNr);
        }
        reset(p);
        p.procNr = slot;
        return p;
    }

    /** Frees a structure; the shared user structure is never freed. */
    public void release(Priv p) {
        if (p.id == USER_PRIV_ID) {
            return;
        }
        reset(p);
    }

    /** Zeroes every field, pending bits included, so nothing leaks to the next owner (3.10). */
    private static void reset(Priv p) {
        p.procNr = Endpoint.NONE;
        p.notifyPending = 0;
        p.asynPending = 0;
        p.intPending = 0;
        p.sigPending[0] = 0;
        p.sigPending[1] = 0;
        p.flags = 0;
        p.trapMask = 0;
        p.ipcTo = 0;
        p.kCallMask = 0;
        p.unregisterAsyncTable();
        p.asynendpoint = Endpoint.NONE;
        p.sigMgr = Endpoint.NONE;
        p.bakSigMgr = Endpoint.NONE;
        p.filters.clear();
        p.ioRanges.clear();
        p.memRanges.clear();
        p.irqs.clear();
        p.stateTable = 0;
        p.stateEntries = 0;
        p.grantTable = 0;
        p.grantEntries = 0;
        p.grantEndpoint = Endpoint.NONE;
    }
}
