package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SETGRANT (0x622): register the caller's grant table (MINIX do_setgrant, libsys cpf_reload).
 * The kernel reads entries from the caller's memory only when a grant is used, so the table may
 * change at any time. The table is registered under the caller's current endpoint, which is what
 * makes a table inherited through a live update temporary (spec 5.7) until the new instance calls
 * this again.
 *
 * <p>Request ({@code m_lsys_krn_sys_setgrant}): addr @8, size @12 (entries; 0 unregisters). A
 * size below 0 or above GRANT_MAX_ENTRIES: EINVAL; a process sharing the user structure: EPERM.
 */
final class SetgrantCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_setgrant.addr")
    static final int ADDR = 8;
    @Abi(msg = "m_lsys_krn_sys_setgrant.size")
    static final int SIZE = 12;

    SetgrantCall(Kernel kernel) {
    }

    @Override
    public int call(Proc caller, Message m) {
        int size = m.getInt(SIZE);
        if (size < 0 || size > Grants.GRANT_MAX_ENTRIES) {
            return EINVAL;
        }
        if (caller.priv().id == PrivTable.USER_PRIV_ID) {
            return EPERM;
        }
        caller.priv().grantTable = m.getInt(ADDR);
        caller.priv().grantEntries = size;
        caller.priv().grantEndpoint = caller.endpoint();
        return OK;
    }
}
