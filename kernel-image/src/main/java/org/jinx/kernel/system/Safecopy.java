package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * What SYS_SAFECOPYFROM and SYS_SAFECOPYTO share: the request layout, the grant check and the
 * copy. The two calls differ only in the access the grant must allow and the copy's direction.
 *
 * <p>Request ({@code m_lsys_kern_safecopy}): from_to @8 (the granter), gid @12, offset @16 (within
 * the grant), address @20 (in the caller), bytes @24. Bad granter or a negative count: EINVAL; a
 * grant that does not allow this: EPERM; a temporary table after a live update: ENOTREADY; an
 * unmapped caller buffer or grant table: EFAULT.
 */
final class Safecopy {
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

    Safecopy(Kernel kernel) {
        this.grants = new Grants(kernel);
        this.copier = new Copier(kernel.memory());
    }

    /**
     * Checks the grant for {@code access} ({@link Grants#CPF_READ} or {@link Grants#CPF_WRITE})
     * and copies: from the granter to the caller when {@code intoCaller}, else the other way.
     */
    int copy(Proc caller, Message m, int access, boolean intoCaller) {
        return copy(caller, m.getInt(FROM_TO), m.getInt(GID), m.getInt(OFFSET), m.getInt(ADDRESS), m.getInt(BYTES),
                access, intoCaller);
    }

    /** One copy as {@link #copy(Proc, Message, int, boolean)} makes it, from its fields (SYS_VSAFECOPY). */
    int copy(Proc caller, int granter, int gid, int offset, int callerAddress, int bytes, int access,
            boolean intoCaller) {
        if (bytes < 0) {
            return EINVAL;
        }
        int r = grants.verify(granter, caller.endpoint(), gid, offset, bytes, access, target);
        if (r != OK) {
            return r;
        }
        int callerSpace = caller.context.cr3;
        boolean ok = intoCaller
                ? copier.copy(target.space, target.address, callerSpace, callerAddress, bytes).ok()
                : copier.copy(callerSpace, callerAddress, target.space, target.address, bytes).ok();
        return ok ? OK : EFAULT;
    }
}
