package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SETTIME (0x628): set or slew the real-time clock (MINIX do_settime), for clock_settime()
 * and adjtime(). With now set, realtime becomes the ticks from the boot time to sec/nsec; a
 * time at or before the boot time means the boot time was wrong, so it becomes the boot time and
 * realtime restarts at 1 tick, as in MINIX. With now clear, sec/nsec is a delta that is slewed in
 * at one tick per tick ({@link RealTime}). Only CLOCK_REALTIME can be set; the monotonic count
 * that alarms and uptime use never changes.
 *
 * <p>Request ({@code m_lsys_krn_sys_settime}): sec @8 (64-bit), nsec @16, now @20, clock_id @24.
 * Another clock, or nsec outside [0, 10^9) (MINIX does not check): EINVAL.
 */
final class SettimeCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_settime.sec")
    static final int SEC = 8;
    @Abi(msg = "m_lsys_krn_sys_settime.nsec")
    static final int NSEC = 16;
    @Abi(msg = "m_lsys_krn_sys_settime.now")
    static final int NOW = 20;
    @Abi(msg = "m_lsys_krn_sys_settime.clock_id")
    static final int CLOCK_ID = 24;
    @Abi
    static final int CLOCK_REALTIME = 0;

    private final RealTime realTime;

    SettimeCall(RealTime realTime) {
        this.realTime = realTime;
    }

    @Override
    public int call(Proc caller, Message m) {
        long sec = m.getLong(SEC);
        int nsec = m.getInt(NSEC);
        if (m.getInt(CLOCK_ID) != CLOCK_REALTIME || nsec < 0 || nsec >= 1_000_000_000) {
            return EINVAL;
        }
        if (m.getInt(NOW) == 0) {
            realTime.adjust(RealTime.secondsToTicks(sec, nsec));
            return OK;
        }
        long boot = realTime.bootTime();
        if (sec <= boot) {
            realTime.setBootTime(sec);
            realTime.set(1);
            return OK;
        }
        realTime.set(RealTime.secondsToTicks(sec - boot, nsec));
        return OK;
    }
}
