package org.jinx.kernel.proc;

/** Process conditions that do not block it (MINIX p_misc_flags, spec 3.1). */
public enum MiscFlag {
    /** In the receive phase of a SENDREC: notifications and NOREPLY async messages wait. */
    REPLY_PEND(0x1),
    /** A kernel call parked for VM is to be re-executed. */
    KCALL_RESUME(0x8),
    /** A message waits in the delivery buffer for copy-out before the process runs. */
    DELIVERMSG(0x40),
    SIG_DELAY(0x80),
    /** The queued message was sent by the kernel on the process's behalf. */
    SENDING_FROM_KERNEL(0x2000),
    /** The register context was replaced (sigreturn, setmcontext): delivery leaves EAX alone. */
    CONTEXT_SET(0x4000),
    SENDA_VM_MISS(0x20000),
    MSGFAILED(0x80000);

    public final int bit;

    MiscFlag(int bit) {
        this.bit = bit;
    }

    private static final MiscFlag[] ALL = values();

    public static String describe(int mask) {
        if (mask == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (MiscFlag f : ALL) {
            if ((mask & f.bit) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(f.name());
            }
        }
        return sb.toString();
    }
}
