package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ENOTREADY;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * Memory grants (MINIX verify_grant): a process publishes a table of {@code cp_grant_t} entries
 * in its own memory (SYS_SETGRANT), each allowing one other process (or ANY) to read and/or write
 * a range of the granter's memory. SAFECOPYFROM and SAFECOPYTO name a grant by id, and this class
 * checks it and turns it into an address in the granter's space.
 *
 * <p>A grant id is the table index in bits 0-19 and a sequence number in bits 20-30, which must
 * equal the entry's cp_seq, so an id kept after its grant was reused does not reach the new one.
 * Indirect grants (a grant passed on to a third process) are followed up to
 * {@link #MAX_INDIRECT_DEPTH} deep.
 *
 * <p>While a granter's table is registered under an endpoint other than its current one (the
 * temporary table right after a live-update swap, spec 5.7), only the process at that registered
 * endpoint is checked normally; everyone else gets ENOTREADY, which the guest library retries.
 */
final class Grants {
    // cp_grant_t
    @Abi(offsetOf = "cp_grant_t.cp_flags")
    static final int CP_FLAGS = 0;
    @Abi(offsetOf = "cp_grant_t.cp_seq")
    static final int CP_SEQ = 4;
    @Abi(offsetOf = "cp_grant_t.cp_u.cp_direct.cp_who_to")
    static final int CP_WHO_TO = 8;
    @Abi(offsetOf = "cp_grant_t.cp_u.cp_direct.cp_start")
    static final int CP_START = 12;
    @Abi(offsetOf = "cp_grant_t.cp_u.cp_direct.cp_len")
    static final int CP_LEN = 16;
    @Abi(offsetOf = "cp_grant_t.cp_u.cp_indirect.cp_who_from")
    static final int CP_WHO_FROM = 12;
    @Abi(offsetOf = "cp_grant_t.cp_u.cp_indirect.cp_grant")
    static final int CP_GRANT = 16;
    @Abi(sizeOf = "cp_grant_t")
    static final int GRANT_SIZE = 32;

    @Abi
    static final int CPF_READ = 0x1;
    @Abi
    static final int CPF_WRITE = 0x2;
    @Abi
    static final int CPF_DIRECT = 0x200;
    @Abi
    static final int CPF_INDIRECT = 0x400;
    @Abi
    static final int CPF_VALID = 0x1000;
    @Abi
    static final int GRANT_SHIFT = 20;
    @Abi
    static final int GRANT_IDXMASK = (1 << GRANT_SHIFT) - 1;
    /** The largest table SYS_SETGRANT accepts: every index a grant id can hold. */
    @Abi
    static final int GRANT_MAX_ENTRIES = 1 << GRANT_SHIFT;
    static final int MAX_INDIRECT_DEPTH = 5;

    /** Where a verified grant lets the copy go: the granter's space and address. */
    static final class Target {
        int space;
        int address;
    }

    private final Kernel kernel;
    private final byte[] entry = new byte[GRANT_SIZE];

    Grants(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Checks that {@code grantee} may access {@code bytes} bytes at {@code offset} within grant
     * {@code gid} of {@code granterE} with {@code access} (CPF_READ/CPF_WRITE), and on success
     * fills {@code out}. Returns OK or the error.
     */
    int verify(int granterE, int grantee, int gid, int offset, int bytes, int access, Target out) {
        for (int depth = 0; depth <= MAX_INDIRECT_DEPTH; depth++) {
            Proc granter = kernel.procs().lookup(granterE);
            if (granter == null || granter.isTask()) {
                return EINVAL;
            }
            Priv pv = granter.priv();
            if (pv == null || pv.grantEntries == 0) {
                return EPERM;
            }
            if (pv.grantEndpoint != granter.endpoint() && grantee != pv.grantEndpoint) {
                return ENOTREADY; // a table inherited through a live update: only its owner may use it yet
            }
            int index = gid & GRANT_IDXMASK;
            if (gid < 0 || Integer.compareUnsigned(index, pv.grantEntries) >= 0) {
                return EPERM;
            }
            int at = pv.grantTable + index * GRANT_SIZE;
            if (!kernel.memory().copyIn(granter.context.cr3, at, entry, 0, GRANT_SIZE).ok()) {
                return EFAULT;
            }
            int flags = le32(CP_FLAGS);
            if ((flags & CPF_VALID) == 0 || le32(CP_SEQ) != gid >>> GRANT_SHIFT) {
                return EPERM;
            }
            int whoTo = le32(CP_WHO_TO);
            if (whoTo != grantee && whoTo != Endpoint.ANY) {
                return EPERM;
            }
            if ((flags & CPF_INDIRECT) != 0) {
                // The granter passes on a grant it holds from someone else: check that one for us.
                int from = le32(CP_WHO_FROM);
                gid = le32(CP_GRANT);
                grantee = granter.endpoint();
                granterE = from;
                if ((flags & access) != access) {
                    return EPERM;
                }
                continue;
            }
            if ((flags & CPF_DIRECT) == 0 || (flags & access) != access) {
                return EPERM;
            }
            long start = le32(CP_START) & 0xFFFFFFFFL;
            long len = le32(CP_LEN) & 0xFFFFFFFFL;
            long off = offset & 0xFFFFFFFFL;
            if (off + (bytes & 0xFFFFFFFFL) > len || start + off + (bytes & 0xFFFFFFFFL) > 0x1_0000_0000L) {
                return EPERM;
            }
            out.space = granter.context.cr3;
            out.address = (int) (start + off);
            return OK;
        }
        return EPERM; // a chain too long, or a loop
    }

    private int le32(int o) {
        return entry[o] & 0xFF | (entry[o + 1] & 0xFF) << 8 | (entry[o + 2] & 0xFF) << 16 | entry[o + 3] << 24;
    }
}
