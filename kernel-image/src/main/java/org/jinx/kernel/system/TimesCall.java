package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_TIMES (0x619): a process's time accounting, the uptime and the boot time (MINIX do_times).
 * The hosted kernel runs outside virtual time, so a process's system time counts only ticks
 * charged to kernel work on its behalf, which is none today.
 *
 * <p>Request ({@code m_lsys_krn_sys_times}): endpt @8, or NONE for the clock values only. Reply
 * ({@code m_krn_lsys_sys_times}): real_ticks @8 (realtime ticks since boot, which SYS_SETTIME
 * may set or slew), boot_ticks @12 (the monotonic tick count since boot), user_time @16,
 * system_time @20, boot_time @24 (64-bit seconds since the epoch, from the board's RTC unless
 * SYS_STIME or SYS_SETTIME changed it; see {@link RealTime}). A bad endpoint: EINVAL.
 */
final class TimesCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_times.endpt")
    static final int ENDPT = 8;
    @Abi(msg = "m_krn_lsys_sys_times.real_ticks")
    static final int REAL_TICKS = 8;
    @Abi(msg = "m_krn_lsys_sys_times.boot_ticks")
    static final int BOOT_TICKS = 12;
    @Abi(msg = "m_krn_lsys_sys_times.user_time")
    static final int USER_TIME = 16;
    @Abi(msg = "m_krn_lsys_sys_times.system_time")
    static final int SYSTEM_TIME = 20;
    @Abi(msg = "m_krn_lsys_sys_times.boot_time")
    static final int BOOT_TIME = 24;

    private final Kernel kernel;
    private final RealTime realTime;

    TimesCall(Kernel kernel, RealTime realTime) {
        this.kernel = kernel;
        this.realTime = realTime;
    }

    @Override
    public int call(Proc caller, Message m) {
        int e = m.getInt(ENDPT);
        Proc p = null;
        if (e != Endpoint.NONE) {
            p = CallArgs.process(kernel, caller, e);
            if (p == null) {
                return EINVAL;
            }
        }
        long ticks = kernel.clock().ticks();
        m.setInt(USER_TIME, p == null ? 0 : (int) p.userTicks);
        m.setInt(SYSTEM_TIME, p == null ? 0 : (int) p.sysTicks);
        m.setInt(REAL_TICKS, (int) realTime.ticks());
        m.setInt(BOOT_TICKS, (int) ticks);
        m.setLong(BOOT_TIME, realTime.bootTime());
        return OK;
    }
}
