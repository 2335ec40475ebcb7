package org.jinx.kernel.proc;

/**
 * Reasons a process cannot run (MINIX p_rts_flags, spec 3.1). A process is runnable exactly when
 * none is set; only {@link Proc#setRts} and {@link Proc#clearRts} change them, and those keep
 * the run queues in step.
 */
public enum RtsFlag {
    SLOT_FREE(0x1),
    /** Kernel tasks: never scheduled. */
    PROC_STOP(0x2),
    SENDING(0x4),
    RECEIVING(0x8),
    SIGNALED(0x10),
    SIG_PENDING(0x20),
    P_STOP(0x40),
    NO_PRIV(0x80),
    /** Exiting: IPC to it fails with EDEADSRCDST. */
    NO_ENDPOINT(0x100),
    VMINHIBIT(0x200),
    PAGEFAULT(0x400),
    VMREQUEST(0x800),
    VMREQTARGET(0x1000),
    PREEMPTED(0x4000),
    NO_QUANTUM(0x8000),
    BOOTINHIBIT(0x10000);

    /** The bit in the MINIX-compatible mask (GETINFO reports these). */
    public final int bit;

    RtsFlag(int bit) {
        this.bit = bit;
    }

    private static final RtsFlag[] ALL = values();

    /** "SENDING|RECEIVING" for a mask. */
    public static String describe(int mask) {
        if (mask == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (RtsFlag f : ALL) {
            if ((mask & f.bit) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(f.name());
            }
        }
        return sb.toString();
    }
}
