package org.jinx.kernel.system;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SAFECOPYFROM (0x61F): copy from another process's memory through a grant it made to the
 * caller (MINIX do_safecopy_from). See {@link Grants} for what is checked and {@link Safecopy}
 * for the request layout and errors; the grant must allow reading.
 */
final class SafecopyFromCall implements KernelCall {
    private final Safecopy safecopy;

    SafecopyFromCall(Kernel kernel) {
        this.safecopy = new Safecopy(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        return safecopy.copy(caller, m, Grants.CPF_READ, true);
    }
}
