package org.jinx.kernel.ipc;

import org.jinx.kernel.abi.Abi;

/**
 * IPC trap numbers (ECX of INT 0x21) and the status word the kernel leaves in EBX after a
 * RECEIVE (spec 1.2).
 */
public final class IpcCall {
    private IpcCall() {
    }

    @Abi

    public static final int SEND = 1;
    @Abi
    public static final int RECEIVE = 2;
    @Abi
    public static final int SENDREC = 3;
    @Abi
    public static final int NOTIFY = 4;
    @Abi
    public static final int SENDNB = 5;
    @Abi
    public static final int MINIX_KERNINFO = 6;
    @Abi
    public static final int SENDA = 16;

    /** Trap mask bits: bit n allows call n. */
    public static final int SYNC_TRAPS = 1 << SEND | 1 << RECEIVE | 1 << SENDREC | 1 << NOTIFY | 1 << SENDNB;
    public static final int ALL_TRAPS = SYNC_TRAPS | 1 << SENDA;
    public static final int RECEIVE_ONLY = 1 << RECEIVE;
    /** User processes may only SENDREC. */
    public static final int USER_TRAPS = 1 << SENDREC;

    /** Status word: bits 0-5 hold the call that produced the message, flags from bit 16. */
    @Abi("IPC_STATUS_CALL_MASK")
    public static final int STATUS_CALL_MASK = 0x3F;
    @Abi("IPC_FLG_MSG_FROM_KERNEL")
    public static final int FLG_MSG_FROM_KERNEL = 1 << 16;

    /** SENDA count limit: 16 entries per process-table slot. */
    @Abi
    public static final int MAX_SENDA_ENTRIES = 16 * (org.jinx.kernel.proc.Endpoint.NR_TASKS
            + org.jinx.kernel.proc.Endpoint.NR_PROCS);

    public static boolean isNotify(int status) {
        return (status & STATUS_CALL_MASK) == NOTIFY;
    }

    public static String name(int call) {
        return switch (call) {
            case SEND -> "SEND";
            case RECEIVE -> "RECEIVE";
            case SENDREC -> "SENDREC";
            case NOTIFY -> "NOTIFY";
            case SENDNB -> "SENDNB";
            case MINIX_KERNINFO -> "MINIX_KERNINFO";
            case SENDA -> "SENDA";
            default -> "call " + call;
        };
    }
}
