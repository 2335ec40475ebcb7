package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_STIME (0x627): set the boot time (MINIX do_stime). PM's stime() works out the boot time
 * that makes boot time + realtime / HZ the wanted time of day and hands it here; SYS_TIMES
 * reports it from then on. Any value is accepted, as in MINIX.
 *
 * <p>Request ({@code m_lsys_krn_sys_stime}): boot_time @8 (64-bit seconds since the epoch).
 */
final class StimeCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_stime.boot_time")
    static final int BOOT_TIME = 8;

    private final RealTime realTime;

    StimeCall(RealTime realTime) {
        this.realTime = realTime;
    }

    @Override
    public int call(Proc caller, Message m) {
        realTime.setBootTime(m.getLong(BOOT_TIME));
        return OK;
    }
}
