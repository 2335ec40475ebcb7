package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SAFECOPYFROM (0x61F): copy from another process's memory through a grant it made to the
 * caller (MINIX do_safecopy_from). See {@link Grants} for what is checked.
 *
 * <p>Request ({@code m_lsys_kern_safecopy}): from_to @8 (the granter), gid @12, offset @16 (within
 * the grant), address @20 (in the caller), bytes @24. Bad granter or a negative count: EINVAL; a
 * grant that does not allow this: EPERM; a temporary table after a live update: ENOTREADY; an
 * unmapped caller buffer or grant table: EFAULT.
 */
final class SafecopyFromCall implements KernelCall {
    @Abi(msg = "m_lsys_kern_safecopy.from_to")
    static final int FROM_TO = 8;
    @Abi(msg = "m_lsys_kern_safecopy.gid")
    static final int GID = 12;
    @Abi(msg = "m_lsys_kern_safecopy.offset")
    static final int OFFSET = 16;
    @Abi(msg = "m_lsys_kern_safecopy.address")
    static final int ADDRESS = 20;
    @Abi(msg = "m_lsys_kern_safecopy.bytes")
    static final int BYTES = 24;

    private final Grants grants;
    private final Copier copier;
    private final Grants.Target target = new Grants.Target();

    SafecopyFromCall(Kernel kernel) {
        this.grants = new Grants(kernel);
        this.copier = new Copier(kernel.memory());
    }

    @Override
    public int call(Proc caller, Message m) {
        int bytes = m.getInt(BYTES);
        if (bytes < 0) {
            return EINVAL;
        }
        int r = grants.verify(m.getInt(FROM_TO), caller.endpoint(), m.getInt(GID), m.getInt(OFFSET), bytes,
                Grants.CPF_READ, target);
        if (r != OK) {
            return r;
        }
        return copier.copy(target.space, target.address, caller.context.cr3, m.getInt(ADDRESS), bytes).ok() ? OK : EFAULT;
    }
}
