package org.jinx.kernel.system;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_SAFECOPYTO (0x620): copy into another process's memory through a grant it made to the
 * caller (MINIX do_safecopy_to). See {@link Grants} for what is checked and {@link Safecopy}
 * for the request layout and errors; the address in the caller is the source, and the grant
 * must allow writing.
 */
final class SafecopyToCall implements KernelCall {
    private final Safecopy safecopy;

    SafecopyToCall(Kernel kernel) {
        this.safecopy = new Safecopy(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        return safecopy.copy(caller, m, Grants.CPF_WRITE, false);
    }
}
