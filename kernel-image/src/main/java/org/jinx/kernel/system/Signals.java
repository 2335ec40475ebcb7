package org.jinx.kernel.system;

import java.util.function.Consumer;
import org.jinx.kernel.ipc.Ipc;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.ProcTable;
import org.jinx.kernel.proc.RtsFlag;

/**
 * Signals the kernel itself raises (faults, failed copies), as MINIX's cause_sig: a process
 * that manages its own signals gets a SYSTEM notification with the signal in its sigset; any
 * other process is stopped (SIGNALED, SIG_PENDING) and its signal manager gets SIGKSIG to go
 * and fetch it with SYS_GETKSIG.
 */
public final class Signals {
    // NetBSD numbering, which MINIX uses.
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGFPE = 8;
    public static final int SIGBUS = 10;
    public static final int SIGSEGV = 11;
    /** Kernel-internal: "call SYS_GETKSIG", sent to a signal manager. */
    public static final int SIGKSIG = 74;

    private final ProcTable procs;
    private final Ipc ipc;
    private final Consumer<String> log;

    public Signals(ProcTable procs, Ipc ipc, Consumer<String> log) {
        this.procs = procs;
        this.ipc = ipc;
        this.log = log;
    }

    public void causeSig(Proc p, int sig) {
        Priv pv = p.priv();
        if (pv != null && pv.sigMgr == Endpoint.SELF) {
            ipc.notifySignal(p, sig);
            return;
        }
        long bit = 1L << ((sig - 1) & 63);
        int word = (sig - 1) >>> 6;
        if ((p.pendingSignals[word] & bit) != 0) {
            return;
        }
        p.pendingSignals[word] |= bit;
        if (p.hasRts(RtsFlag.SIGNALED)) {
            return; // the manager has been told already and will collect every pending signal
        }
        p.setRts(RtsFlag.SIGNALED);
        p.setRts(RtsFlag.SIG_PENDING);
        Proc mgr = pv == null ? null : procs.lookup(pv.sigMgr);
        if (mgr == null || mgr.priv() == null) {
            log.accept("signal " + sig + " for " + p + ", which has no signal manager: it stays stopped");
            return;
        }
        ipc.notifySignal(mgr, SIGKSIG);
    }

    /** The signal a CPU exception in a process turns into. */
    public static int forException(int vector) {
        return switch (vector) {
            case 0, 4, 7, 16 -> SIGFPE;   // #DE, #OF, #NM, #MF
            case 1, 3 -> SIGTRAP;         // #DB, #BP
            case 6 -> SIGILL;             // #UD
            case 17 -> SIGBUS;            // #AC
            default -> SIGSEGV;           // #BR, #TS, #NP, #SS, #GP, #PF (no VM yet) and the rest
        };
    }
}
