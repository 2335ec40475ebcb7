package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SETALARM (0x618): a one-shot synchronous alarm for the caller (spec 6.4). When it goes off
 * the caller gets a notification from CLOCK. Each privilege structure has one alarm; setting a
 * new one replaces the old, and an expiry of 0 cancels it.
 *
 * <p>Request ({@code m_lsys_krn_sys_setalarm}): exp_time @8 (ticks), abs_time @20 (non-zero:
 * exp_time is an absolute tick count, else relative to now). Reply: time_left @12 (ticks that
 * were left on the previous alarm, 0 if none), uptime @16. A process sharing the user structure:
 * EPERM (one alarm cannot serve them all).
 */
final class SetalarmCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_setalarm.exp_time")
    static final int EXP_TIME = 8;
    @Abi(msg = "m_lsys_krn_sys_setalarm.time_left")
    static final int TIME_LEFT = 12;
    @Abi(msg = "m_lsys_krn_sys_setalarm.uptime")
    static final int UPTIME = 16;
    @Abi(msg = "m_lsys_krn_sys_setalarm.abs_time")
    static final int ABS_TIME = 20;

    private final Kernel kernel;

    SetalarmCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        if (caller.priv().id == PrivTable.USER_PRIV_ID) {
            return EPERM;
        }
        long exp = m.getInt(EXP_TIME) & 0xFFFFFFFFL;
        long now = kernel.clock().ticks();
        long expiry = exp == 0 ? 0 : m.getInt(ABS_TIME) != 0 ? exp : now + exp;
        long left = kernel.clock().setAlarm(caller.priv().id, expiry);
        m.setInt(TIME_LEFT, (int) left);
        m.setInt(UPTIME, (int) now);
        return OK;
    }
}
