package org.jinx.kernel.debug;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.ProcTable;
import org.jinx.kernel.proc.RtsFlag;

/**
 * gdb thread ids for guest processes: thread id = endpoint + 1. A process's endpoint is
 * generation * 32768 + slot and never negative, so the id is positive (gdb reserves 0 and -1),
 * small and equal to slot + 1 for the boot processes (the first module is thread 1, as the CPU
 * is in PC mode), and fixed for the life of the process. A process forked into a reused slot
 * gets a new generation, hence a new id: gdb, which caches its thread list, never mistakes it
 * for the slot's earlier occupant.
 *
 * <p>Threads are the live process slots that hold a program: kernel tasks (negative slots, Java
 * code with no guest context) and boot slots no module was loaded into (still held by
 * BOOTINHIBIT) are not threads.
 */
public final class ThreadIds {
    private ThreadIds() {
    }

    public static int of(Proc p) {
        return p.endpoint() + 1;
    }

    /** The endpoint a thread id stands for; {@link Endpoint#NONE} for ids no process can have. */
    public static int endpoint(int tid) {
        return tid > 0 ? tid - 1 : Endpoint.NONE;
    }

    /** True if p is a process gdb sees as a thread. */
    public static boolean isThread(Proc p) {
        return p.slot >= 0 && !p.isFree() && !p.hasRts(RtsFlag.BOOTINHIBIT);
    }

    /** The live process with thread id {@code tid}, or null. */
    public static Proc lookup(ProcTable procs, int tid) {
        int e = endpoint(tid);
        if (e == Endpoint.NONE) {
            return null;
        }
        Proc p = procs.lookup(e);
        return p != null && isThread(p) ? p : null;
    }

    /** Every thread, in slot order. */
    public static List<Proc> all(ProcTable procs) {
        List<Proc> out = new ArrayList<>();
        for (Proc p : procs.live()) {
            if (isThread(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
