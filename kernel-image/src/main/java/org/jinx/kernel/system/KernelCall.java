package org.jinx.kernel.system;

import org.jinx.kernel.Errno;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * One kernel call. The handler runs after {@link SystemTask} has checked the number and the
 * caller's call mask, with the request message already copied in (m_source forced to the
 * caller). It returns the result, which becomes the reply's m_type, or one of the two special
 * results that {@link SystemTask} finishes centrally.
 */
@FunctionalInterface
public interface KernelCall {
    /** No reply at all (the caller is gone, or will be answered later). */
    int DONT_REPLY = Errno.EDONTREPLY;
    /** Park the call until VM has fixed the caller's memory, then run it again. Kernel-internal. */
    int SUSPEND = -996;

    int call(Proc caller, Message m);
}
