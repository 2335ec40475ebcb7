package org.jinx.kernel.system;

import org.jinx.kernel.abi.Abi;

import java.util.function.Consumer;
import org.jinx.kernel.ipc.Ipc;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.ProcTable;
import org.jinx.kernel.proc.RtsFlag;

/**
 * Signals the kernel raises (faults, failed copies, SYS_KILL, SYS_EXIT), as MINIX's cause_sig.
 * A process that manages its own signals gets a SYSTEM notification with the signal in its
 * sigset; any other process is stopped (SIGNALED, SIG_PENDING) and its signal manager gets
 * SIGKSIG to go and fetch it with SYS_GETKSIG.
 *
 * <p>Two places where MINIX panics or hangs end the process instead, so the kernel keeps
 * running: a lethal signal for a process that is its own manager and has no backup manager
 * (MINIX panics), and a signal for a process whose manager does not exist (MINIX would leave it
 * stopped for ever). Such a process is terminated with status 128 + signal.
 */
public final class Signals {
    // NetBSD numbering, which MINIX uses.
    @Abi
    public static final int SIGHUP = 1;
    @Abi
    public static final int SIGINT = 2;
    @Abi
    public static final int SIGQUIT = 3;
    @Abi
    public static final int SIGILL = 4;
    @Abi
    public static final int SIGTRAP = 5;
    @Abi
    public static final int SIGABRT = 6;
    @Abi
    public static final int SIGEMT = 7;
    @Abi
    public static final int SIGFPE = 8;
    @Abi
    public static final int SIGKILL = 9;
    @Abi
    public static final int SIGBUS = 10;
    @Abi
    public static final int SIGSEGV = 11;
    @Abi
    public static final int SIGSYS = 12;
    @Abi
    public static final int SIGPIPE = 13;
    @Abi
    public static final int SIGALRM = 14;
    @Abi
    public static final int SIGTERM = 15;
    /** The highest ordinary signal number; kernel-internal signals lie above it. */
    public static final int NSIG_USER = 64;
    /** Kernel-internal signals (spec 6.4). */
    @Abi
    public static final int SIGSNDELAY = 70;
    @Abi
    public static final int SIGKMEM = 71;
    @Abi
    public static final int SIGKMESS = 72;
    @Abi
    public static final int SIGKSIGSM = 73;
    @Abi
    public static final int SIGKSIG = 74;
    /** Largest signal number a sigset in a message can carry (two 64-bit words). */
    @Abi("_NSIG")
    public static final int MAX_SIGNAL = 128;

    /** How the kernel ends a process when nobody else can (the kernel's terminate). */
    @FunctionalInterface
    public interface Terminator {
        void terminate(Proc p, int status);
    }

    private final ProcTable procs;
    private final Ipc ipc;
    private final Consumer<String> log;
    private final Terminator terminator;

    public Signals(ProcTable procs, Ipc ipc, Consumer<String> log, Terminator terminator) {
        this.procs = procs;
        this.ipc = ipc;
        this.log = log;
        this.terminator = terminator;
    }

    /** MINIX's SIGS_IS_LETHAL, plus SIGKILL: signals a process cannot survive by handling. */
    public static boolean isLethal(int sig) {
        return sig == SIGILL || sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV || sig == SIGEMT
                || sig == SIGABRT || sig == SIGKILL;
    }

    /**
     * True if someone other than p itself would handle a lethal signal for it: its manager, or
     * for a process that manages itself, its backup manager.
     */
    public boolean hasManager(Proc p) {
        Priv pv = p.priv();
        if (pv == null) {
            return false;
        }
        int mgr = pv.sigMgr == Endpoint.SELF ? pv.bakSigMgr : pv.sigMgr;
        Proc m = procs.lookup(mgr);
        return m != null && m != p && m.priv() != null;
    }

    public void causeSig(Proc p, int sig) {
        Priv pv = p.priv();
        if (pv != null && pv.sigMgr == Endpoint.SELF) {
            if (!isLethal(sig)) {
                ipc.notifySignal(p, sig);
                return;
            }
            // A lethal signal for its own manager: the backup manager takes over, if there is one.
            Proc backup = procs.lookup(pv.bakSigMgr);
            if (backup == null || backup.priv() == null) {
                log.accept(p + " got lethal signal " + sig + " and has no backup signal manager: terminated");
                terminator.terminate(p, 128 + sig);
                return;
            }
            pv.sigMgr = pv.bakSigMgr;
            pv.bakSigMgr = Endpoint.NONE;
        }
        Proc mgr = pv == null ? null : procs.lookup(pv.sigMgr);
        if (mgr == null || mgr.priv() == null || mgr == p) {
            if (isLethal(sig)) {
                log.accept(p + " got lethal signal " + sig + " and has no signal manager: terminated");
                terminator.terminate(p, 128 + sig);
            } else {
                log.accept("signal " + sig + " for " + p + ", which has no signal manager: ignored");
            }
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
        ipc.notifySignal(mgr, SIGKSIG);
    }

    /** The signal a CPU exception in a process turns into. */
    public static int forException(int vector) {
        return switch (vector) {
            case 0, 4, 7, 16 -> SIGFPE;   // #DE, #OF, #NM, #MF
            case 1, 3 -> SIGTRAP;         // #DB, #BP
            case 6 -> SIGILL;             // #UD
            case 17 -> SIGBUS;            // #AC
            default -> SIGSEGV;           // #BR, #TS, #NP, #SS, #GP, #PF (no demand paging) and the rest
        };
    }
}
