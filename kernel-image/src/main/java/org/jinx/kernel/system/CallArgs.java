package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/** Argument checks shared by the kernel calls (MINIX isokendpt and friends). */
final class CallArgs {
    private CallArgs() {
    }

    /** The live process named by {@code e}, SELF meaning the caller; null if there is none. */
    static Proc process(Kernel k, Proc caller, int e) {
        return e == Endpoint.SELF ? caller : k.procs().lookup(e);
    }

    /** Like {@link #process}, but kernel tasks do not count: they have no memory and no program. */
    static Proc userOrSystem(Kernel k, Proc caller, int e) {
        Proc p = process(k, caller, e);
        return p == null || p.isTask() ? null : p;
    }

    /**
     * MINIX's check of a call's target process: EINVAL when the endpoint named no live process
     * ({@code p} is null), EPERM for a kernel task, OK otherwise.
     */
    static int targetCheck(Proc p) {
        if (p == null) {
            return EINVAL;
        }
        return p.isTask() ? EPERM : OK;
    }

    /** True if {@code p} has a system privilege structure of its own (not the shared user one). */
    static boolean hasSystemPriv(Proc p) {
        return p.priv() != null && p.priv().isSysProc();
    }

    /**
     * Reads a NUL-terminated string of at most {@code max} bytes (a longer one is cut there), or
     * null if a byte before the end is unreadable.
     */
    static String string(Kernel k, Proc owner, int addr, int max) {
        byte[] b = new byte[max];
        int n = 0;
        while (n < max) {
            if (!k.memory().copyIn(owner.context.cr3, addr + n, b, n, 1).ok()) {
                return null;
            }
            if (b[n] == 0) {
                break;
            }
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
}
