package org.jinx.kernel.system;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.proc.Proc;

/**
 * The per-process virtual and profiling interval timers of SYS_VTIMER (MINIX p_virt_left,
 * p_prof_left and vtimer_check). Each counts down the clock ticks charged to its process: the
 * virtual timer its user ticks, the profiling timer its user and system ticks (Jinx charges
 * every tick to the interrupted process as user time, so today both count the same ticks). At
 * zero the timer is disarmed and the process gets SIGVTALRM or SIGPROF through
 * {@link Signals#causeSig}, as any kernel-caused signal. Re-arming is the signal manager's job.
 *
 * <p>Timers are kept by endpoint, so a process that ends or forks leaves no timer to a new
 * process in its slot (a child starts with none, as in MINIX); entries of ended processes are
 * dropped when a timer is next set. The tick path costs nothing while no timer is armed.
 */
final class VirtualTimers {
    static final int VIRTUAL = 0;
    static final int PROF = 1;

    private final Kernel kernel;
    /** Endpoint to the ticks left on {virtual, prof}; 0 is disarmed. */
    private final Map<Integer, long[]> left = new HashMap<>();

    VirtualTimers(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Ticks left on {@code p}'s timer {@code which}, 0 if disarmed. */
    long get(Proc p, int which) {
        long[] t = left.get(p.endpoint());
        return t == null ? 0 : t[which];
    }

    /** Arms (ticks &gt; 0) or disarms (otherwise) {@code p}'s timer {@code which}. */
    void set(Proc p, int which, long ticks) {
        dropEnded();
        long[] t = left.computeIfAbsent(p.endpoint(), e -> new long[2]);
        t[which] = Math.max(0, ticks);
        if (t[VIRTUAL] == 0 && t[PROF] == 0) {
            left.remove(p.endpoint());
        }
    }

    /** One clock tick charged to {@code running} (null when idle). */
    void tick(Proc running) {
        if (left.isEmpty() || running == null || running.isFree()) {
            return;
        }
        long[] t = left.get(running.endpoint());
        if (t == null) {
            return;
        }
        boolean virtualFired = t[VIRTUAL] > 0 && --t[VIRTUAL] == 0;
        boolean profFired = t[PROF] > 0 && --t[PROF] == 0;
        if (t[VIRTUAL] == 0 && t[PROF] == 0) {
            left.remove(running.endpoint());
        }
        if (virtualFired) {
            kernel.signals().causeSig(running, VtimerCall.SIGVTALRM);
        }
        if (profFired && !running.isFree()) {
            kernel.signals().causeSig(running, VtimerCall.SIGPROF);
        }
    }

    private void dropEnded() {
        for (Iterator<Integer> it = left.keySet().iterator(); it.hasNext(); ) {
            if (kernel.procs().lookup(it.next()) == null) {
                it.remove();
            }
        }
    }
}
