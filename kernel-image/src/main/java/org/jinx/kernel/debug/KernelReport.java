package org.jinx.kernel.debug;

import java.util.ArrayList;
import java.util.List;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * The hosted kernel's state as text for gdb's {@code monitor ps} and {@code monitor ipc}. Only
 * reads the tables; the caller makes sure the guest is stopped. Processes are written
 * {@code name(endpoint)}, kernel tasks by their endpoint name ({@code CLOCK}).
 */
public final class KernelReport {
    private KernelReport() {
    }

    /**
     * One line per gdb thread (process): thread id, slot, endpoint, name, scheduling queue, RTS
     * flags, what it is blocked on, and its EIP: {@code cpuEip} for the process on the CPU (marked
     * {@code *}), the saved one for the others.
     */
    public static String processes(Kernel k, int cpuEip) {
        StringBuilder sb = new StringBuilder(String.format("  %-6s %4s %8s %-10s %4s %-24s %-28s %s%n",
                "thread", "slot", "endpoint", "name", "prio", "rts flags", "blocked on", "eip"));
        Proc running = k.currentProc();
        for (Proc p : ThreadIds.all(k.procs())) {
            sb.append(String.format("%c %-6d %4d %8d %-10s %4d %-24s %-28s %08x%n", p == running ? '*' : ' ',
                    ThreadIds.of(p), p.slot, p.endpoint(), p.name(), p.priority(), RtsFlag.describe(p.rts()),
                    blockedOn(k, p), p == running ? cpuEip : p.context.eip));
        }
        if (running == null) {
            sb.append("The CPU is idle: no process is runnable.\n");
        }
        return sb.toString();
    }

    private static String blockedOn(Kernel k, Proc p) {
        if (p.hasRts(RtsFlag.SENDING)) {
            return "sending to " + who(k, p.sendtoE);
        }
        if (p.hasRts(RtsFlag.RECEIVING)) {
            return "receiving from " + who(k, p.getfromE);
        }
        return "-";
    }

    /**
     * The IPC state: each blocked sender with its destination and message type, each receiver
     * with the source it waits for, every non-empty caller queue in order, and the pending
     * notification, asynchronous-message, interrupt and signal bits of each privilege structure.
     */
    public static String ipc(Kernel k) {
        List<String> sending = new ArrayList<>();
        List<String> receiving = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (Proc p : k.procs().live()) {
            String name = who(k, p.endpoint());
            if (p.hasRts(RtsFlag.SENDING)) {
                sending.add(String.format("  %s -> %s, message type 0x%x%s", name, who(k, p.sendtoE), p.sendmsg.type(),
                        p.hasMisc(MiscFlag.REPLY_PEND) ? " (SENDREC: the reply is awaited)" : ""));
            }
            if (p.hasRts(RtsFlag.RECEIVING)) {
                receiving.add(String.format("  %s <- %s%s", name, who(k, p.getfromE),
                        p.hasMisc(MiscFlag.REPLY_PEND) ? " (the reply of a SENDREC)" : ""));
            }
            if (p.callerQ != null) {
                StringBuilder q = new StringBuilder("  " + name + ":");
                int n = 0;
                for (Proc c = p.callerQ; c != null && n < Endpoint.NR_TASKS + Endpoint.NR_PROCS; c = c.qLink, n++) {
                    q.append(' ').append(who(k, c.endpoint()));
                }
                queues.add(q.toString());
            }
            Priv pv = p.priv();
            if (pv != null && pv.procNr == p.slot && pv.id != PrivTable.USER_PRIV_ID) {
                pendingBits(k, name, pv, pending);
            }
        }
        StringBuilder sb = new StringBuilder();
        section(sb, "Blocked sending (SENDING):", sending);
        section(sb, "Blocked receiving (RECEIVING):", receiving);
        section(sb, "Caller queues (first to be received first):", queues);
        section(sb, "Pending for delivery:", pending);
        return sb.toString();
    }

    private static void pendingBits(Kernel k, String name, Priv pv, List<String> out) {
        if (pv.notifyPending != 0) {
            out.add("  " + name + ": notifications from " + owners(k, pv.notifyPending));
        }
        if (pv.asynPending != 0) {
            out.add("  " + name + ": asynchronous messages (senda) from " + owners(k, pv.asynPending));
        }
        if (pv.intPending != 0) {
            out.add(String.format("  %s: interrupt notify-id bits 0x%x", name, pv.intPending));
        }
        if (pv.sigPending[0] != 0 || pv.sigPending[1] != 0) {
            out.add(String.format("  %s: system signals 0x%x%016x", name, pv.sigPending[1], pv.sigPending[0]));
        }
    }

    /** The owners of the priv ids set in {@code bits}. */
    private static String owners(Kernel k, long bits) {
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            if ((bits >>> id & 1) != 0) {
                Proc o = k.privOwner(id);
                sb.append(sb.length() == 0 ? "" : ", ").append(o != null ? who(k, o.endpoint()) : "priv " + id);
            }
        }
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<String> lines) {
        sb.append(title).append('\n');
        if (lines.isEmpty()) {
            sb.append("  (none)\n");
        }
        for (String l : lines) {
            sb.append(l).append('\n');
        }
    }

    /** {@code name(endpoint)} for a live process, the endpoint's name for tasks and special values. */
    static String who(Kernel k, int endpoint) {
        if (endpoint < 0 || endpoint == Endpoint.ANY || endpoint == Endpoint.NONE || endpoint == Endpoint.SELF) {
            return Endpoint.name(endpoint);
        }
        Proc p = k.procs().lookup(endpoint);
        return p != null ? p.name() + "(" + endpoint + ")" : "dead endpoint " + endpoint;
    }
}
