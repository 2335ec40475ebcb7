package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EBUSY;
import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SPROF (0x624): start and stop statistical profiling (MINIX do_sprofile). PROF_START
 * names the process that will receive the results and where: ctl_ptr for a
 * {@code struct sprof_info_s}, mem_ptr for up to mem_size bytes of records (capped at
 * {@link #SAMPLE_BUFFER_SIZE}); {@link Sprofiler} then samples on every clock tick. PROF_STOP
 * copies the records and the counts there. Only PROF_RTC exists: the samples come from the clock
 * interrupt at HZ, so freq is accepted and not used (MINIX programs the RTC to it); PROF_NMI
 * (no NMI watchdog here) is EINVAL.
 *
 * <p>Request ({@code m_lsys_krn_sys_sprof}): action @8, freq @12, intr_type @16, endpt @20,
 * ctl_ptr @24, mem_ptr @28, mem_size @32. Starting while running, or stopping while not: EBUSY;
 * an unknown action or interrupt type, a bad endpoint, a negative size: EINVAL; result areas
 * not writable (checked at the start, copied at the stop): EFAULT.
 */
final class SprofCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_sprof.action")
    static final int ACTION = 8;
    @Abi(msg = "m_lsys_krn_sys_sprof.freq")
    static final int FREQ = 12;
    @Abi(msg = "m_lsys_krn_sys_sprof.intr_type")
    static final int INTR_TYPE = 16;
    @Abi(msg = "m_lsys_krn_sys_sprof.endpt")
    static final int ENDPT = 20;
    @Abi(msg = "m_lsys_krn_sys_sprof.ctl_ptr")
    static final int CTL_PTR = 24;
    @Abi(msg = "m_lsys_krn_sys_sprof.mem_ptr")
    static final int MEM_PTR = 28;
    @Abi(msg = "m_lsys_krn_sys_sprof.mem_size")
    static final int MEM_SIZE = 32;

    @Abi
    static final int PROF_START = 0;
    @Abi
    static final int PROF_STOP = 1;
    @Abi
    static final int PROF_RTC = 0;
    @Abi
    static final int PROF_NMI = 1;
    @Abi(sizeOf = "struct sprof_info_s")
    static final int INFO_SIZE = 20;
    @Abi(sizeOf = "struct sprof_sample")
    static final int SAMPLE_SIZE = Sprofiler.SAMPLE_RECORD;
    @Abi(sizeOf = "struct sprof_proc")
    static final int PROC_SIZE = Sprofiler.PROC_RECORD;
    /** The largest record buffer the kernel keeps. */
    @Abi
    static final int SAMPLE_BUFFER_SIZE = 1 << 20;

    private final Kernel kernel;
    private final Sprofiler profiler;
    private int endpoint;
    private int ctlPtr;
    private int memPtr;

    SprofCall(Kernel kernel, Sprofiler profiler) {
        this.kernel = kernel;
        this.profiler = profiler;
    }

    @Override
    public int call(Proc caller, Message m) {
        return switch (m.getInt(ACTION)) {
            case PROF_START -> start(caller, m);
            case PROF_STOP -> stop();
            default -> EINVAL;
        };
    }

    private int start(Proc caller, Message m) {
        if (profiler.running()) {
            return EBUSY;
        }
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
        int size = m.getInt(MEM_SIZE);
        if (p == null || size < 0 || m.getInt(INTR_TYPE) != PROF_RTC) {
            return EINVAL;
        }
        size = Math.min(size, SAMPLE_BUFFER_SIZE);
        if (!kernel.memory().probe(p.context.cr3, m.getInt(CTL_PTR), INFO_SIZE, true).ok()
                || !kernel.memory().probe(p.context.cr3, m.getInt(MEM_PTR), size, true).ok()) {
            return EFAULT;
        }
        endpoint = p.endpoint();
        ctlPtr = m.getInt(CTL_PTR);
        memPtr = m.getInt(MEM_PTR);
        profiler.start(size);
        return OK;
    }

    private int stop() {
        if (!profiler.running()) {
            return EBUSY;
        }
        profiler.stop();
        Proc p = kernel.procs().lookup(endpoint);
        if (p == null) {
            return EFAULT; // the profiling process went away; the results have nowhere to go
        }
        int[] info = profiler.info();
        byte[] b = new byte[INFO_SIZE];
        for (int i = 0; i < info.length; i++) {
            SigFrame.put(b, 4 * i, info[i]);
        }
        boolean ok = kernel.memory().copyOut(p.context.cr3, memPtr, profiler.buffer(), 0, info[0]).ok()
                && kernel.memory().copyOut(p.context.cr3, ctlPtr, b, 0, INFO_SIZE).ok();
        return ok ? OK : EFAULT;
    }
}
