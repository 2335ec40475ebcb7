package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_DIAGCTL (0x62C): diagnostics (MINIX do_diagctl). DIAG writes text to the kernel console:
 * this is how system processes print (the guest library's printf) until a TTY server exists.
 * STACKTRACE logs a process's registers.
 *
 * <p>Request ({@code m_lsys_krn_sys_diagctl}): code @8, buf @12, len @16, endpt @20 (STACKTRACE).
 * A length outside 1..{@link #DIAG_BUFSIZE}, an unknown code or a bad endpoint: EINVAL; an
 * unreadable buffer: EFAULT.
 */
final class DiagctlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_diagctl.code")
    static final int CODE = 8;
    @Abi(msg = "m_lsys_krn_sys_diagctl.buf")
    static final int BUF = 12;
    @Abi(msg = "m_lsys_krn_sys_diagctl.len")
    static final int LEN = 16;
    @Abi(msg = "m_lsys_krn_sys_diagctl.endpt")
    static final int ENDPT = 20;
    @Abi
    static final int DIAGCTL_CODE_DIAG = 1;
    @Abi
    static final int DIAGCTL_CODE_STACKTRACE = 2;
    @Abi
    static final int DIAG_BUFSIZE = 2048;

    private final Kernel kernel;
    private final byte[] buf = new byte[DIAG_BUFSIZE];

    DiagctlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        switch (m.getInt(CODE)) {
            case DIAGCTL_CODE_DIAG -> {
                int len = m.getInt(LEN);
                if (len < 1 || len > DIAG_BUFSIZE) {
                    return EINVAL;
                }
                if (!kernel.memory().copyIn(caller.context.cr3, m.getInt(BUF), buf, 0, len).ok()) {
                    return EFAULT;
                }
                kernel.console().accept(new String(buf, 0, len, StandardCharsets.ISO_8859_1));
                return OK;
            }
            case DIAGCTL_CODE_STACKTRACE -> {
                Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(ENDPT));
                if (p == null) {
                    return EINVAL;
                }
                kernel.log().accept("registers of " + p + ": " + p.context);
                return OK;
            }
            default -> {
                return EINVAL;
            }
        }
    }
}
