package org.jinx.kernel;

import java.util.function.Consumer;
import org.jinx.kernel.clock.ClockTask;
import org.jinx.kernel.hw.CmosClock;
import org.jinx.kernel.hw.PicControl;
import org.jinx.kernel.hw.PitControl;
import org.jinx.kernel.ipc.Ipc;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.irq.IrqHooks;
import org.jinx.kernel.mm.AddressSpaces;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.ProcTable;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.kernel.proc.RunQueues;
import org.jinx.kernel.proc.Scheduling;
import org.jinx.kernel.system.Signals;
import org.jinx.kernel.system.SystemTask;
import org.jinx.mem.GuestMemory;

/**
 * The hosted microkernel: process and privilege tables, IPC, kernel calls, interrupts and the
 * clock, behind the {@link KernelTrap} entry. It touches the emulator in three places only:
 * the trap (saved registers in and out), {@link GuestMemory} (checked copies, with the page
 * tables its {@link AddressSpaces} builds), and {@link PortIo} (the PIC, the PIT and drivers'
 * port I/O).
 *
 * <p>At construction the boot image's slots exist with their fixed endpoints: the kernel tasks
 * (never scheduled), and the boot processes held by BOOTINHIBIT until their programs are loaded.
 * Only RS and VM have privileges at boot; RS hands out the rest (spec 2.4). The 8259s are
 * programmed to IRQ vectors 0x50/0x70 and the 8254 to {@link ClockTask#HZ}.
 */
public final class Kernel implements KernelTrap {
    /** Where system processes are scheduled by default (MINIX SRV_Q). */
    public static final int SRV_Q = 4;
    public static final int CLOCK_IRQ = 0;

    /** What the kernel tells whoever runs it: the boot monitor, the CLI, a test. */
    public interface Events {
        Events NONE = new Events() {
        };

        /** The kernel ended process p (SYS_EXIT, or a lethal signal nobody else handles). */
        default void exited(Proc p, int status) {
        }

        /** SYS_ABORT: the system asks to halt, reboot or power off. */
        default void shutdown(int how) {
        }

        /** Nobody is runnable; {@link #canWake()} says whether anything ever could be again. */
        default void idle() {
        }
    }

    private final GuestMemory mem;
    private final AddressSpaces spaces;
    private final PortIo io;
    private final Consumer<String> log;
    private final ProcTable procs = new ProcTable();
    private final PrivTable privs = new PrivTable();
    private final ClockTask clock = new ClockTask();
    private final PicControl pic;
    private final IrqHooks irqHooks;
    private final Ipc ipc;
    private final Signals signals;
    private final Scheduling scheduling;
    private final SystemTask system;
    private long bootTime;
    private Consumer<String> console;
    private Events events = Events.NONE;
    private Runnable tickHook = () -> { };
    private Proc current;

    /** A kernel with no hardware and no memory manager: IPC and calls over test memory. */
    public Kernel(GuestMemory mem, Consumer<String> log) {
        this(mem, AddressSpaces.NONE, PortIo.NONE, log);
    }

    public Kernel(GuestMemory mem, AddressSpaces spaces, PortIo io, Consumer<String> log) {
        this.mem = mem;
        this.spaces = spaces;
        this.io = io;
        this.log = log;
        this.console = log;
        this.ipc = new Ipc(procs, privs, mem, clock::ticks, log);
        this.pic = new PicControl(io);
        this.irqHooks = new IrqHooks(pic, this::hardwareNotify);
        this.signals = new Signals(procs, ipc, log, this::terminate);
        this.scheduling = new Scheduling(procs, ipc, log);
        clock.setListener(new ClockTask.Listener() {
            @Override
            public void alarmExpired(int privId) {
                Proc owner = privOwner(privId);
                if (owner != null) {
                    ipc.notifyFromTask(Endpoint.CLOCK, owner);
                }
            }

            @Override
            public void quantumExpired(Proc p) {
                scheduling.quantumExpired(p);
            }
        });
        ipc.setSendDelayHook(p -> signals.causeSig(p, Signals.SIGSNDELAY));
        this.system = new SystemTask(this);
        bootTasks();
        bootProcesses();
        pic.init(IRQ0_VECTOR, IRQ8_VECTOR);
        PitControl.startPeriodic(io, ClockTask.HZ);
        pic.unmask(CLOCK_IRQ);
        bootTime = CmosClock.bootTime(io);
    }

    public GuestMemory memory() {
        return mem;
    }

    public AddressSpaces spaces() {
        return spaces;
    }

    public PortIo ports() {
        return io;
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

    public IrqHooks irqHooks() {
        return irqHooks;
    }

    public Signals signals() {
        return signals;
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    public SystemTask systemTask() {
        return system;
    }

    public Consumer<String> log() {
        return log;
    }

    /**
     * Seconds since the epoch when the kernel started: from the board's RTC (0 without one),
     * unless SYS_STIME or SYS_SETTIME has set it since.
     */
    public long bootTime() {
        return bootTime;
    }

    /** SYS_STIME and SYS_SETTIME: the boot time everyone reports from now on. */
    public void setBootTime(long seconds) {
        bootTime = seconds;
    }

    /** Where SYS_DIAGCTL output goes (the kernel log until someone sets a console). */
    public Consumer<String> console() {
        return console;
    }

    public void setConsole(Consumer<String> console) {
        this.console = console;
    }

    public void setEvents(Events events) {
        this.events = events;
    }

    public Events events() {
        return events;
    }

    /** Runs after every clock tick's work (the kernel-info page rewrites itself). */
    public void setTickHook(Runnable hook) {
        tickHook = hook;
    }

    // ================================================================ the trap entry

    @Override
    public Context current() {
        return current == null ? null : current.context;
    }

    @Override
    public long mappingEpoch() {
        return spaces.epoch();
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

    /**
     * A hardware interrupt (MINIX hwint + irq_handle): a spurious IRQ 7/15 is dropped; the clock
     * ticks; any other line is masked and acknowledged, and its hooks' owners are notified.
     */
    private void interrupt(int vector) {
        int irq = vector >= IRQ8_VECTOR && vector < IRQ8_VECTOR + 8 ? vector - IRQ8_VECTOR + 8
                : vector >= IRQ0_VECTOR && vector < IRQ0_VECTOR + 8 ? vector - IRQ0_VECTOR : -1;
        if (irq < 0) {
            log.accept("interrupt vector 0x" + Integer.toHexString(vector) + " is not a PIC vector");
            return;
        }
        if (pic.isSpurious(irq)) {
            return;
        }
        if (irq == CLOCK_IRQ) {
            pic.eoi(irq);
            clock.tick(current);
            system.tick(current);
            tickHook.run();
            return;
        }
        pic.mask(irq);
        pic.eoi(irq);
        irqHooks.fire(irq);
    }

    private void hardwareNotify(int ownerEndpoint, int notifyId) {
        Proc owner = procs.lookup(ownerEndpoint);
        if (owner != null && owner.priv() != null) {
            ipc.notifyInterrupt(owner, notifyId);
        }
    }

    /**
     * Picks the next process and makes it current, first copying out any message waiting for
     * it. A process whose receive buffer turns out to be unwritable is signalled and the next
     * one is tried (MINIX asks VM first; there is no VM).
     */
    public void schedule() {
        while (true) {
            Proc next = procs.runQueues().pick();
            if (next == null) {
                current = null;
                events.idle();
                return;
            }
            if (dispatch(next)) {
                return;
            }
        }
    }

    /** True while something can still make a process runnable: an armed alarm or an IRQ hook. */
    public boolean canWake() {
        return clock.anyAlarm() || irqHooks.anyInUse();
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
        p.clearMisc(MiscFlag.CONTEXT_SET); // it held only until this delivery (MINIX switch_to_user)
        current = p;
        return true;
    }

    // ================================================================ process life cycle

    /**
     * SYS_CLEAR's work (spec 3.10): IPC cleanup, the IRQ hooks and the alarm, then the address
     * space, the priv structure and the slot are freed.
     */
    public void clearProc(Proc x) {
        ipc.clearEndpoint(x);
        irqHooks.removeAll(x.endpoint());
        Priv pv = x.priv();
        if (pv != null && pv.id != PrivTable.USER_PRIV_ID) {
            clock.cancelAlarm(pv.id);
            privs.release(pv);
        }
        if (x.ownsSpace) {
            spaces.destroy(x.context.cr3);
            x.ownsSpace = false;
        }
        procs.release(x);
        if (current == x) {
            current = null;
        }
    }

    /** Ends a process for good on the kernel's own authority, and says so. */
    public void terminate(Proc p, int status) {
        String name = p.name();
        int endpoint = p.endpoint();
        clearProc(p);
        if (status != 0) {
            log.accept(name + "(" + Endpoint.name(endpoint) + ") ended with status " + status);
        }
        events.exited(p, status);
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
     * dynamic id. p stays NO_PRIV until {@link #allow}. Returns null when no structure is free.
     */
    public Priv setSystemPriv(Proc p, int privId) {
        Priv pv = privId < 0 ? privs.allocDynamic(p.slot) : privs.claim(privId, p.slot);
        if (pv == null) {
            return null;
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

    /** The live process holding priv id {@code id}, or null. */
    public Proc privOwner(int id) {
        Priv pv = privs.get(id);
        if (pv.isFree() || id == PrivTable.USER_PRIV_ID) {
            return null;
        }
        Proc p = procs.slot(pv.procNr);
        return p.isFree() || p.priv() != pv ? null : p;
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
