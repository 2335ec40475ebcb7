package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ENOMEM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.IpcFilter;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_STATECTL (0x637): a process's own live-update state (MINIX do_statectl). CLEAR_IPC_REFS
 * releases everything waiting on the caller (a restarted driver's clean slate); SET_STATE_TABLE
 * records its state-transfer table; ADD_IPC_BL_FILTER and ADD_IPC_WL_FILTER add a blacklist or
 * whitelist to its IPC filter chain (spec 3.9); CLEAR_IPC_FILTERS removes the chain.
 *
 * <p>Request ({@code m_lsys_krn_sys_statectl}): request @8, address @12, length @16 (bytes of
 * {@code ipc_filter_el_t} elements, 12 each, for the filters). A length that is not a whole number
 * of 1 to IPCF_MAX_ELEMENTS elements, an element with unknown or no match flags, or an unknown
 * request: EINVAL; an unreadable array: EFAULT; the global pool of IPCF_POOL_SIZE filters full:
 * ENOMEM.
 */
final class StatectlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_statectl.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_statectl.address")
    static final int ADDRESS = 12;
    @Abi(msg = "m_lsys_krn_sys_statectl.length")
    static final int LENGTH = 16;

    @Abi("SYS_STATE_CLEAR_IPC_REFS")
    static final int CLEAR_IPC_REFS = 1;
    @Abi("SYS_STATE_SET_STATE_TABLE")
    static final int SET_STATE_TABLE = 2;
    @Abi("SYS_STATE_ADD_IPC_BL_FILTER")
    static final int ADD_IPC_BL_FILTER = 3;
    @Abi("SYS_STATE_ADD_IPC_WL_FILTER")
    static final int ADD_IPC_WL_FILTER = 4;
    @Abi("SYS_STATE_CLEAR_IPC_FILTERS")
    static final int CLEAR_IPC_FILTERS = 5;

    @Abi(sizeOf = "ipc_filter_el_t")
    static final int EL_SIZE = 12;
    @Abi(offsetOf = "ipc_filter_el_t.m_source")
    static final int EL_SOURCE = 4;
    @Abi(offsetOf = "ipc_filter_el_t.m_type")
    static final int EL_TYPE = 8;
    @Abi("IPCF_MATCH_M_SOURCE")
    static final int MATCH_M_SOURCE = IpcFilter.MATCH_M_SOURCE;
    @Abi("IPCF_MATCH_M_TYPE")
    static final int MATCH_M_TYPE = IpcFilter.MATCH_M_TYPE;
    @Abi("IPCF_EL_BLACKLIST")
    static final int EL_BLACKLIST = 0x4;
    @Abi("IPCF_EL_WHITELIST")
    static final int EL_WHITELIST = 0x8;
    private static final int MATCH_ANY = MATCH_M_SOURCE | MATCH_M_TYPE;
    private static final int EL_KIND = EL_BLACKLIST | EL_WHITELIST;
    @Abi("IPCF_MAX_ELEMENTS")
    static final int MAX_ELEMENTS = IpcFilter.MAX_ELEMENTS;
    @Abi("IPCF_POOL_SIZE")
    static final int POOL_SIZE = 2 * PrivTable.NR_SYS_PROCS;

    private final Kernel kernel;

    StatectlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Priv pv = caller.priv();
        int addr = m.getInt(ADDRESS);
        int length = m.getInt(LENGTH);
        switch (m.getInt(REQUEST)) {
            case CLEAR_IPC_REFS -> kernel.ipc().clearIpcRefs(caller);
            case SET_STATE_TABLE -> {
                pv.stateTable = addr;
                pv.stateEntries = length;
            }
            case ADD_IPC_BL_FILTER, ADD_IPC_WL_FILTER -> {
                return addFilter(caller, pv, m.getInt(REQUEST) == ADD_IPC_WL_FILTER, addr, length);
            }
            case CLEAR_IPC_FILTERS -> pv.filters.clear();
            default -> {
                return EINVAL;
            }
        }
        return OK;
    }

    private int addFilter(Proc caller, Priv pv, boolean whitelist, int addr, int length) {
        if (length <= 0 || length % EL_SIZE != 0 || length / EL_SIZE > MAX_ELEMENTS) {
            return EINVAL;
        }
        byte[] els = new byte[length];
        if (!kernel.memory().copyIn(caller.context.cr3, addr, els, 0, length).ok()) {
            return EFAULT;
        }
        IpcFilter f = new IpcFilter(whitelist);
        for (int at = 0; at < length; at += EL_SIZE) {
            int flags = PrivctlCall.le32(els, at);
            // The list's kind comes from the request; elements may repeat it in the EL_ bits.
            if ((flags & (MATCH_M_SOURCE | MATCH_M_TYPE)) == 0 || (flags & ~(MATCH_ANY | EL_KIND)) != 0) {
                return EINVAL;
            }
            f.add(flags & MATCH_ANY, PrivctlCall.le32(els, at + EL_SOURCE), PrivctlCall.le32(els, at + EL_TYPE));
        }
        if (filtersInUse() >= POOL_SIZE) {
            return ENOMEM;
        }
        pv.filters.add(f);
        return OK;
    }

    private int filtersInUse() {
        int n = 0;
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            n += kernel.privs().get(id).filters.size();
        }
        return n;
    }
}
