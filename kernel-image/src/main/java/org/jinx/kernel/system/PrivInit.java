package org.jinx.kernel.system;

import static org.jinx.kernel.system.PrivctlCall.le32;
import static org.jinx.kernel.system.PrivctlCall.le64;

import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.IpcCall;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivFlag;
import org.jinx.kernel.priv.PrivTable;

/**
 * The argument of SYS_PRIVCTL SET_SYS: a {@code struct sys_priv_init} (Jinx's narrow form of the
 * struct priv MINIX's RS copies in) with the flags, trap mask, send mask, kernel-call mask and
 * signal managers to give. Send rights are granted and revoked both ways (spec 3.2).
 */
final class PrivInit {
    @Abi(offsetOf = "struct sys_priv_init.s_id")
    static final int INIT_ID = 0;
    @Abi(offsetOf = "struct sys_priv_init.s_flags")
    static final int INIT_FLAGS = 4;
    @Abi(offsetOf = "struct sys_priv_init.s_trap_mask")
    static final int INIT_TRAP_MASK = 8;
    @Abi(offsetOf = "struct sys_priv_init.s_ipc_to")
    static final int INIT_IPC_TO = 12;
    @Abi(offsetOf = "struct sys_priv_init.s_k_call_mask")
    static final int INIT_K_CALL_MASK = 20;
    @Abi(offsetOf = "struct sys_priv_init.s_sig_mgr")
    static final int INIT_SIG_MGR = 28;
    @Abi(offsetOf = "struct sys_priv_init.s_bak_sig_mgr")
    static final int INIT_BAK_SIG_MGR = 32;
    @Abi(sizeOf = "struct sys_priv_init")
    static final int INIT_SIZE = 36;
    /** Flags a caller may set; the kernel keeps DYN_PRIV_ID and SYS_PROC to itself. */
    private static final int SETTABLE_FLAGS = PrivFlag.PREEMPTIBLE | PrivFlag.BILLABLE | PrivFlag.CHECK_IO_PORT
            | PrivFlag.CHECK_IRQ | PrivFlag.CHECK_MEM | PrivFlag.ROOT_SYS_PROC | PrivFlag.VM_SYS_PROC
            | PrivFlag.LU_SYS_PROC | PrivFlag.RST_SYS_PROC;

    private PrivInit() {
    }

    /** Applies a sys_priv_init: flags, traps, kernel calls, managers, and send rights both ways. */
    static void apply(PrivTable privs, Priv pv, byte[] init) {
        pv.flags = pv.flags & PrivFlag.DYN_PRIV_ID | PrivFlag.SYS_PROC | le32(init, INIT_FLAGS) & SETTABLE_FLAGS;
        pv.trapMask = le32(init, INIT_TRAP_MASK) & IpcCall.ALL_TRAPS;
        pv.kCallMask = le64(init, INIT_K_CALL_MASK);
        pv.sigMgr = le32(init, INIT_SIG_MGR);
        pv.bakSigMgr = le32(init, INIT_BAK_SIG_MGR);
        long to = le64(init, INIT_IPC_TO) & ~Priv.bit(pv.id);
        for (int id = 0; id < PrivTable.NR_SYS_PROCS; id++) {
            Priv other = privs.get(id);
            if (other == pv) {
                continue;
            }
            // Symmetry (3.2): a right to send to B is a right for B to answer, unless B only receives.
            boolean grant = (to >>> id & 1) != 0;
            boolean otherSends = (other.trapMask & ~IpcCall.RECEIVE_ONLY) != 0;
            if (grant && otherSends && !other.isFree()) {
                other.ipcTo |= Priv.bit(pv.id);
            } else if (!grant) {
                other.ipcTo &= ~Priv.bit(pv.id);
            }
        }
        pv.ipcTo = to;
    }
}
