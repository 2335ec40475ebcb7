package org.jinx.kernel;

import java.util.function.Consumer;
import org.jinx.kernel.clock.ClockTask;
import org.jinx.kernel.ipc.Ipc;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.ProcTable;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.kernel.proc.RunQueues;
import org.jinx.kernel.system.Signals;
import org.jinx.kernel.system.SystemTask;
import org.jinx.mem.GuestMemory;

/**
 * The hosted microkernel: process and privilege tables, IPC, kernel calls and the clock, behind
 * the {@link KernelTrap} entry. Guest memory is reached only through {@link GuestMemory}.
 *
 * <p>At construction the boot image's slots exist with their fixed endpoints: the kernel tasks
 * (never scheduled), and the boot processes held by BOOTINHIBIT until their programs are loaded.
 * Only RS and VM have privileges at boot; RS hands out the rest (spec 2.4).
 */
public final class Kernel implements KernelTrap {
    /** Where system processes are scheduled by default (MINIX SRV_Q). */
    public static final int SRV_Q = 4;

    private final GuestMemory mem;
    private final Consumer<String> log;
    private final ProcTable procs = new ProcTable();
    private final PrivTable privs = new PrivTable();
    private final ClockTask clock = new ClockTask();
    private final Ipc ipc;
    private final Signals signals;
    private final SystemTask system;
    private Proc current;

    public Kernel(GuestMemory mem, Consumer<String> log) {
        this.mem = mem;
        this.log = log;
        this.ipc = new Ipc(procs, privs, mem, clock::ticks, log);
        this.signals = new Signals(procs, ipc, log);
        this.system = new SystemTask(this);
        bootTasks();
        bootProcesses();
    }

    public GuestMemory memory() {
        return mem;
    }

    public ProcTable procs() {
        return procs;
    }

    public PrivTable privs() {
        return privs;
    }

    public Ipc ipc() {
        return ipc;
    }

    public ClockTask clock() {
        return clock;
    }

    public Signals signals() {
        return signals;
    }

    public SystemTask systemTask() {
        return system;
    }

    // ================================================================ the trap entry

    @Override
    public Context current() {
        return current == null ? null : current.context;
    }

    /** The running process, or null when idle. */
    public Proc currentProc() {
        return current;
    }

    @Override
    public void trap(Kind kind, int vector, int errorCode) {
        Proc p = current;
        if (p == null && kind != Kind.INTERRUPT) {
            throw new IllegalStateException(kind + " trap (vector " + vector + ") while idle");
        }
        switch (kind) {
            case IPC -> ipcTrap(p);
            case KERNEL_CALL -> kernelCallTrap(p);
            case EXCEPTION -> signals.causeSig(p, Signals.forException(vector));
            case INTERRUPT -> interrupt(vector);
        }
        schedule();
    }

    /** INT 0x21 by p, reading ECX/EAX/EBX from its saved context and writing EAX back. */
    public void ipcTrap(Proc p) {
        Context c = p.context;
        c.eax = ipc.doIpc(p, c.ecx, c.eax, c.ebx);
    }

    /** INT 0x20 by p: the message at EAX is the request and becomes the reply. */
    public void kernelCallTrap(Proc p) {
        system.kernelCall(p);
    }

    private void interrupt(int vector) {
        int irq = vector >= IRQ8_VECTOR && vector < IRQ8_VECTOR + 8 ? vector - IRQ8_VECTOR + 8
                : vector >= IRQ0_VECTOR && vector < IRQ0_VECTOR + 8 ? vector - IRQ0_VECTOR : -1;
        if (irq == 0) {
            clock.tick(current);
        } else {
            log.accept("interrupt vector 0x" + Integer.toHexString(vector) + " has no handler");
        }
    }

    /**
     * Picks the next process and makes it current, first copying out any message waiting for
     * it. A process whose receive buffer turns out to be unwritable is signalled and the next
     * one is tried (MINIX asks VM first; there is no VM yet).
     */
    public void schedule() {
        while (true) {
            Proc next = procs.runQueues().pick();
            if (next == null || dispatch(next)) {
                current = next;
                return;
            }
        }
    }

    /**
     * Makes runnable process p current as the scheduler would, with its waiting message
     * delivered. Returns false (and p is not current) if delivery failed and p was signalled.
     */
    public boolean dispatch(Proc p) {
        if (!p.isRunnable()) {
            throw new IllegalStateException(p + " is not runnable: " + RtsFlag.describe(p.rts()));
        }
        if (!ipc.deliverPending(p)) {
            log.accept("message for " + p + " not deliverable to 0x" + Integer.toHexString(p.delivermsgVir));
            signals.causeSig(p, Signals.SIGSEGV);
            if (!p.isRunnable()) {
                return false;
            }
        }
        current = p;
        return true;
    }

    // ================================================================ process life cycle

    /** SYS_CLEAR's work: IPC cleanup, then the priv structure and the slot are freed. */
    public void clearProc(Proc x) {
        ipc.clearEndpoint(x);
        if (x.priv() != null) {
            privs.release(x.priv());
        }
        procs.release(x);
        if (current == x) {
            current = null;
        }
    }

    /** A new process in the first free slot with the slot's next generation, held by NO_PRIV. */
    public Proc newProcess(String name) {
        Proc p = procs.freeSlot();
        if (p == null) {
            throw new IllegalStateException("process table full");
        }
        procs.claim(p, false, RtsFlag.NO_PRIV, name);
        return p;
    }

    /**
     * Gives p a system privilege structure with SYS_PRIVCTL SET_SYS's defaults: every trap,
     * every destination (granted both ways), every kernel call. {@code privId} -1 picks a
     * dynamic id. p stays NO_PRIV until {@link #allow}.
     */
    public Priv setSystemPriv(Proc p, int privId) {
        Priv pv = privId < 0 ? privs.allocDynamic(p.slot) : privs.claim(privId, p.slot);
        if (pv == null) {
            throw new IllegalStateException("no free privilege structure for " + p);
        }
        pv.flags |= PrivFlag.SYS_PROC | PrivFlag.PREEMPTIBLE;
        pv.trapMask = IpcCall.ALL_TRAPS;
        pv.kCallMask = -1L;
        pv.sigMgr = Endpoint.SELF;
        p.setPriv(pv);
        allowAllDestinations(pv);
        p.setPriority(SRV_Q);
        return pv;
    }

    /** Gives p the user processes' shared structure: SENDREC only, no kernel calls. */
    public Priv setUserPriv(Proc p) {
        p.setPriv(privs.get(PrivTable.USER_PRIV_ID));
        p.setPriority(RunQueues.USER_Q);
        return p.priv();
    }

    /** Lifts NO_PRIV (SYS_PRIVCTL ALLOW). */
    public void allow(Proc p) {
        p.clearRts(RtsFlag.NO_PRIV);
    }

    /**
     * Send rights to every priv id but its own, and the same right back from every structure
     * in use whose owner may do more than RECEIVE (the symmetry rule of 3.2).
     */
    private void allowAllDestinations(Priv pv) {
        pv.ipcTo = ~Priv.bit(pv.id);
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            Priv other = privs.get(id);
            if (other != pv && !other.isFree() && (other.trapMask & ~IpcCall.RECEIVE_ONLY) != 0) {
                other.ipcTo |= Priv.bit(pv.id);
            }
        }
    }

    // ================================================================ boot image (2.4)

    private void bootTasks() {
        String[] names = {"asyncm", "idle", "clock", "system", "kernel"};
        for (int s = -Endpoint.NR_TASKS; s < 0; s++) {
            Proc p = procs.claim(procs.slot(s), true, RtsFlag.PROC_STOP, names[s + Endpoint.NR_TASKS]);
            Priv pv = privs.claim(PrivTable.staticId(s), s);
            pv.trapMask = s == Endpoint.CLOCK || s == Endpoint.SYSTEM ? IpcCall.RECEIVE_ONLY : 0;
            p.setPriv(pv);
        }
    }

    private void bootProcesses() {
        String[] names = {"pm", "vfs", "rs", "memory", "sched", "tty", "ds", "mib", "vm", "pfs", "mfs", "init"};
        for (int s = 0; s <= Endpoint.INIT; s++) {
            Proc p = procs.claim(procs.slot(s), true, RtsFlag.BOOTINHIBIT, names[s]);
            if (s == Endpoint.RS || s == Endpoint.VM) {
                Priv pv = setSystemPriv(p, PrivTable.staticId(s));
                pv.flags |= s == Endpoint.RS ? PrivFlag.ROOT_SYS_PROC : PrivFlag.VM_SYS_PROC;
            } else {
                p.setRts(RtsFlag.NO_PRIV);
            }
        }
        Priv user = privs.claim(PrivTable.USER_PRIV_ID, Endpoint.INIT);
        user.trapMask = IpcCall.USER_TRAPS;
        user.ipcTo = ~Priv.bit(user.id);
        user.sigMgr = Endpoint.PM;
    }
}
