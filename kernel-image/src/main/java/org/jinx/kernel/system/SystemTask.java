package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBADREQUEST;
import static org.jinx.kernel.Errno.ECALLDENIED;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.MiscFlag;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;
import org.jinx.mem.GuestMemory;

/**
 * Kernel calls (INT 0x20, spec 1.4 and 6.1). EAX points at a 64-byte request; its m_type is
 * SYS_xxx = 0x600 + n. Dispatch checks the number's range, then the caller's call mask, then
 * that the call exists, and only then runs the handler, so handlers never check privileges
 * again. The reply goes back into the same message with m_source = SYSTEM and m_type = result;
 * EAX is left alone. DONT_REPLY and SUSPEND are finished here, nowhere else.
 */
public final class SystemTask {
    @Abi
    public static final int KERNEL_CALL = 0x600;
    @Abi
    public static final int NR_SYS_CALLS = 58;

    @Abi
    public static final int SYS_FORK = KERNEL_CALL;
    @Abi
    public static final int SYS_EXEC = KERNEL_CALL + 1;
    @Abi
    public static final int SYS_CLEAR = KERNEL_CALL + 2;
    @Abi
    public static final int SYS_SCHEDULE = KERNEL_CALL + 3;
    @Abi
    public static final int SYS_PRIVCTL = KERNEL_CALL + 4;
    @Abi
    public static final int SYS_TRACE = KERNEL_CALL + 5;
    @Abi
    public static final int SYS_KILL = KERNEL_CALL + 6;
    @Abi
    public static final int SYS_GETKSIG = KERNEL_CALL + 7;
    @Abi
    public static final int SYS_ENDKSIG = KERNEL_CALL + 8;
    @Abi
    public static final int SYS_SIGSEND = KERNEL_CALL + 9;
    @Abi
    public static final int SYS_SIGRETURN = KERNEL_CALL + 10;
    @Abi
    public static final int SYS_MEMSET = KERNEL_CALL + 13;
    @Abi
    public static final int SYS_UMAP = KERNEL_CALL + 14;
    @Abi
    public static final int SYS_VIRCOPY = KERNEL_CALL + 15;
    @Abi
    public static final int SYS_PHYSCOPY = KERNEL_CALL + 16;
    @Abi
    public static final int SYS_UMAP_REMOTE = KERNEL_CALL + 17;
    @Abi
    public static final int SYS_VUMAP = KERNEL_CALL + 18;
    @Abi
    public static final int SYS_IRQCTL = KERNEL_CALL + 19;
    @Abi
    public static final int SYS_DEVIO = KERNEL_CALL + 21;
    @Abi
    public static final int SYS_SDEVIO = KERNEL_CALL + 22;
    @Abi
    public static final int SYS_VDEVIO = KERNEL_CALL + 23;
    @Abi
    public static final int SYS_SETALARM = KERNEL_CALL + 24;
    @Abi
    public static final int SYS_TIMES = KERNEL_CALL + 25;
    @Abi
    public static final int SYS_GETINFO = KERNEL_CALL + 26;
    @Abi
    public static final int SYS_ABORT = KERNEL_CALL + 27;
    @Abi
    public static final int SYS_IOPENABLE = KERNEL_CALL + 28;
    @Abi
    public static final int SYS_SAFECOPYFROM = KERNEL_CALL + 31;
    @Abi
    public static final int SYS_SAFECOPYTO = KERNEL_CALL + 32;
    @Abi
    public static final int SYS_VSAFECOPY = KERNEL_CALL + 33;
    @Abi
    public static final int SYS_SETGRANT = KERNEL_CALL + 34;
    @Abi
    public static final int SYS_READBIOS = KERNEL_CALL + 35;
    @Abi
    public static final int SYS_SPROF = KERNEL_CALL + 36;
    @Abi
    public static final int SYS_STIME = KERNEL_CALL + 39;
    @Abi
    public static final int SYS_SETTIME = KERNEL_CALL + 40;
    @Abi
    public static final int SYS_VMCTL = KERNEL_CALL + 43;
    @Abi
    public static final int SYS_DIAGCTL = KERNEL_CALL + 44;
    @Abi
    public static final int SYS_VTIMER = KERNEL_CALL + 45;
    @Abi
    public static final int SYS_RUNCTL = KERNEL_CALL + 46;
    @Abi
    public static final int SYS_GETMCONTEXT = KERNEL_CALL + 50;
    @Abi
    public static final int SYS_SETMCONTEXT = KERNEL_CALL + 51;
    @Abi
    public static final int SYS_UPDATE = KERNEL_CALL + 52;
    @Abi
    public static final int SYS_EXIT = KERNEL_CALL + 53;
    @Abi
    public static final int SYS_SCHEDCTL = KERNEL_CALL + 54;
    @Abi
    public static final int SYS_STATECTL = KERNEL_CALL + 55;
    @Abi
    public static final int SYS_SAFEMEMSET = KERNEL_CALL + 56;

    private final Kernel kernel;
    private final KernelCall[] calls = new KernelCall[NR_SYS_CALLS];
    private final Message msg = new Message();
    /** The real-time clock SYS_TIMES, SYS_STIME and SYS_SETTIME share. */
    private final RealTime realTime;
    /** The interval timers SYS_VTIMER sets and each clock tick counts down. */
    private final VirtualTimers virtualTimers;
    /** The statistical profiler SYS_SPROF starts and each clock tick feeds. */
    private final Sprofiler sprofiler = new Sprofiler();

    public SystemTask(Kernel kernel) {
        this.kernel = kernel;
        this.realTime = new RealTime(kernel);
        this.virtualTimers = new VirtualTimers(kernel);
        registerCalls();
    }

    /** The call table: one line per call. */
    private void registerCalls() {
        map(SYS_FORK, new ForkCall(kernel));                 // a process copies itself or another
        map(SYS_EXEC, new ExecCall(kernel));                 // start a new program image: PC, SP, name
        map(SYS_CLEAR, new ClearCall(kernel));               // tear down an exited process
        map(SYS_SCHEDULE, new ScheduleCall(kernel));         // a scheduler sets priority and quantum
        map(SYS_PRIVCTL, new PrivctlCall(kernel));           // grant, narrow and lift privileges
        map(SYS_TRACE, new TraceCall(kernel));               // ptrace: memory, registers, stop, step
        map(SYS_KILL, new KillCall(kernel));                 // cause a signal in a process
        map(SYS_GETKSIG, new GetksigCall(kernel));           // a signal manager fetches pending signals
        map(SYS_ENDKSIG, new EndksigCall(kernel));           // ... and says it has dealt with them
        map(SYS_SIGSEND, new SigsendCall(kernel));           // run a signal handler: push a signal frame
        map(SYS_SIGRETURN, new SigreturnCall(kernel));       // ... and return from it: restore the context
        map(SYS_MEMSET, new MemsetCall(kernel));             // fill physical or virtual memory with a byte
        map(SYS_UMAP, new UmapCall(kernel));                 // virtual to physical, for DMA
        map(SYS_VIRCOPY, new VircopyCall(kernel));           // privileged copy between address spaces
        map(SYS_PHYSCOPY, new PhyscopyCall(kernel));         // copy with physical addresses on either side
        map(SYS_UMAP_REMOTE, new UmapRemoteCall(kernel));    // virtual to physical, any process or grant
        map(SYS_VUMAP, new VumapCall(kernel));               // scatter-gather: virtual ranges to physical
        map(SYS_IRQCTL, new IrqctlCall(kernel));             // interrupt hooks for drivers
        map(SYS_DEVIO, new DevioCall(kernel));               // one port access
        map(SYS_SDEVIO, new SdevioCall(kernel));             // string port I/O to or from a buffer
        map(SYS_VDEVIO, new VdevioCall(kernel));             // a vector of port accesses
        map(SYS_SETALARM, new SetalarmCall(kernel));         // one-shot alarm: a notification from CLOCK
        map(SYS_TIMES, new TimesCall(kernel, realTime));     // accounting, uptime, boot time
        map(SYS_GETINFO, new GetinfoCall(kernel));           // kernel information
        map(SYS_ABORT, new AbortCall(kernel));               // halt, reboot or power off
        map(SYS_IOPENABLE, new IopenableCall(kernel));       // IOPL 3: direct IN/OUT for a process
        map(SYS_SAFECOPYFROM, new SafecopyFromCall(kernel)); // copy from a granter's memory
        map(SYS_SAFECOPYTO, new SafecopyToCall(kernel));     // copy into a granter's memory
        map(SYS_VSAFECOPY, new VsafecopyCall(kernel));       // a vector of safecopies
        map(SYS_SETGRANT, new SetgrantCall(kernel));         // register one's grant table
        map(SYS_READBIOS, new ReadbiosCall(kernel));         // read the BIOS data area and ROMs
        map(SYS_SPROF, new SprofCall(kernel, sprofiler));    // statistical profiling on clock ticks
        map(SYS_STIME, new StimeCall(realTime));             // set the boot time
        map(SYS_SETTIME, new SettimeCall(realTime));         // set or slew the real-time clock
        map(SYS_VMCTL, new VmctlCall(kernel));               // address-space control
        map(SYS_DIAGCTL, new DiagctlCall(kernel));           // console output, register dumps
        map(SYS_VTIMER, new VtimerCall(kernel, virtualTimers)); // virtual and profiling interval timers
        map(SYS_RUNCTL, new RunctlCall(kernel));             // stop and resume a process
        map(SYS_GETMCONTEXT, new GetmcontextCall(kernel));   // the kernel's part of a machine context (FPU)
        map(SYS_SETMCONTEXT, new SetmcontextCall(kernel));   // ... and setting it
        map(SYS_UPDATE, new UpdateCall(kernel));             // live update: swap two slots
        map(SYS_EXIT, new ExitCall(kernel));                 // a system process ends itself
        map(SYS_SCHEDCTL, new SchedctlCall(kernel));         // who schedules a process
        map(SYS_STATECTL, new StatectlCall(kernel));         // IPC filters and state for live update
        map(SYS_SAFEMEMSET, new SafememsetCall(kernel));     // fill a granter's memory with a byte
    }

    private void map(int sysCall, KernelCall handler) {
        int n = sysCall - KERNEL_CALL;
        if (n < 0 || n >= NR_SYS_CALLS || calls[n] != null) {
            throw new IllegalStateException("bad kernel-call registration 0x" + Integer.toHexString(sysCall));
        }
        calls[n] = handler;
    }

    /** True if call SYS_xxx has a handler (for tests and documentation). */
    public boolean isImplemented(int sysCall) {
        int n = sysCall - KERNEL_CALL;
        return n >= 0 && n < NR_SYS_CALLS && calls[n] != null;
    }

    /** INT 0x20 from {@code caller}. */
    public void kernelCall(Proc caller) {
        int ptr = caller.context.eax;
        int space = caller.context.cr3;
        int endpoint = caller.endpoint();
        GuestMemory mem = kernel.memory();
        if (!mem.copyIn(space, ptr, msg.buf, 0, Message.SIZE).ok()) {
            kernel.signals().causeSig(caller, Signals.SIGSEGV);
            return;
        }
        msg.setSource(endpoint);
        int result = dispatch(caller, msg);
        if (result == KernelCall.DONT_REPLY || caller.isFree() || caller.endpoint() != endpoint) {
            return; // no reply wanted, or the caller is gone (it exited or killed itself)
        }
        if (result == KernelCall.SUSPEND) {
            caller.kcallMsg.copyFrom(msg);
            caller.setMisc(MiscFlag.KCALL_RESUME);
            caller.setRts(RtsFlag.VMREQUEST);
            return;
        }
        msg.setSource(Endpoint.SYSTEM);
        msg.setType(result);
        if (!mem.copyOut(space, ptr, msg.buf, 0, Message.SIZE).ok()) {
            kernel.signals().causeSig(caller, Signals.SIGSEGV);
        }
    }

    /**
     * One clock tick, after the clock has charged it to {@code running} (null when idle): the
     * per-process timers kept for kernel calls count it, and the profiler samples it.
     */
    public void tick(Proc running) {
        virtualTimers.tick(running);
        sprofiler.tick(running);
    }

    /** Range, then mask, then existence, then the handler (MINIX kernel_call_dispatch). */
    int dispatch(Proc caller, Message m) {
        int n = m.type() - KERNEL_CALL;
        if (n < 0 || n >= NR_SYS_CALLS) {
            return EBADREQUEST;
        }
        if (caller.priv() == null || !caller.priv().mayCall(n)) {
            return ECALLDENIED;
        }
        if (calls[n] == null) {
            return EBADREQUEST;
        }
        return calls[n].call(caller, m);
    }
}
