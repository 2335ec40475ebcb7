package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SAFEMEMSET (0x638): fill a range of another process's memory with one byte, through a
 * grant it made to the caller that allows writing (MINIX do_safememset). One of
 * SYS_BASIC_CALLS: a file server zeroes a reader's buffer past the end of a file this way.
 *
 * <p>Request (MINIX's SMS_* fields, in the m2 layout): SMS_DST = m2_i1 @16 (the granter),
 * SMS_PATTERN = m2_i2 @20 (the low byte is written), SMS_GID = m2_i3 @24, SMS_OFFSET = m2_l1 @28
 * (within the grant), SMS_BYTES = m2_l2 @32. A bad granter or a negative count: EINVAL; a grant
 * that does not allow writing this range: EPERM; the granted memory not writable: EFAULT.
 */
final class SafememsetCall implements KernelCall {
    @Abi(msg = "SMS_DST")
    static final int DST = 16;
    @Abi(msg = "SMS_PATTERN")
    static final int PATTERN = 20;
    @Abi(msg = "SMS_GID")
    static final int GID = 24;
    @Abi(msg = "SMS_OFFSET")
    static final int OFFSET = 28;
    @Abi(msg = "SMS_BYTES")
    static final int BYTES = 32;

    private final Grants grants;
    private final Copier copier;
    private final Grants.Target target = new Grants.Target();

    SafememsetCall(Kernel kernel) {
        this.grants = new Grants(kernel);
        this.copier = new Copier(kernel.memory());
    }

    @Override
    public int call(Proc caller, Message m) {
        int bytes = m.getInt(BYTES);
        if (bytes < 0) {
            return EINVAL;
        }
        int r = grants.verify(m.getInt(DST), caller.endpoint(), m.getInt(GID), m.getInt(OFFSET), bytes,
                Grants.CPF_WRITE, target);
        if (r != OK) {
            return r;
        }
        return copier.fill(target.space, target.address, m.getInt(PATTERN), bytes).ok() ? OK : EFAULT;
    }
}
