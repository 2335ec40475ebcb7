package org.jinx.kernel.system;

import static org.jinx.kernel.PagedKernelRig.request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jinx.kernel.PagedKernelRig;
import org.jinx.kernel.proc.Proc;

/** Grant tables written into a granter's memory as the guest library writes them. */
final class GrantRig {
    static final int TABLE = PagedKernelRig.SCRATCH + 0x4000;
    static final int ENTRIES = 8;

    private final PagedKernelRig rig;

    GrantRig(PagedKernelRig rig) {
        this.rig = rig;
    }

    /** Registers granter's table with SYS_SETGRANT; returns the result. */
    int register(Proc granter) {
        return rig.kcall(granter, request(SystemTask.SYS_SETGRANT, SetgrantCall.ADDR, TABLE, SetgrantCall.SIZE, ENTRIES))
                .type();
    }

    /** A direct grant in slot {@code index} with sequence {@code seq}; returns its id. */
    int direct(Proc granter, int index, int seq, int whoTo, int start, int len, int access) {
        ByteBuffer b = ByteBuffer.allocate(Grants.GRANT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Grants.CPF_VALID | Grants.CPF_DIRECT | access).putInt(seq).putInt(whoTo).putInt(start).putInt(len);
        rig.write(granter, TABLE + index * Grants.GRANT_SIZE, b.array());
        return index | seq << Grants.GRANT_SHIFT;
    }

    /** An indirect grant: {@code whoTo} may use grant {@code gid} that {@code whoFrom} made to granter. */
    int indirect(Proc granter, int index, int seq, int whoTo, int whoFrom, int gid, int access) {
        ByteBuffer b = ByteBuffer.allocate(Grants.GRANT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Grants.CPF_VALID | Grants.CPF_INDIRECT | access).putInt(seq).putInt(whoTo).putInt(whoFrom).putInt(gid);
        rig.write(granter, TABLE + index * Grants.GRANT_SIZE, b.array());
        return index | seq << Grants.GRANT_SHIFT;
    }

    /** SAFECOPYFROM or SAFECOPYTO by {@code caller}; returns the result. */
    int copy(int call, Proc caller, int granter, int gid, int offset, int address, int bytes) {
        return rig.kcall(caller, request(call, Safecopy.FROM_TO, granter, Safecopy.GID, gid,
                Safecopy.OFFSET, offset, Safecopy.ADDRESS, address, Safecopy.BYTES, bytes)).type();
    }
}
