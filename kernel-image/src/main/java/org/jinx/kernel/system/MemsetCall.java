package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import java.util.Arrays;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_MEMSET (0x60D): fill memory with one byte (MINIX do_memset, vm_memset). With process NONE
 * the base is a physical address (VM clearing a fresh frame); otherwise it is a virtual address
 * in that process. The range is checked whole before the first byte is written.
 *
 * <p>Request ({@code m_lsys_krn_sys_memset}): base @8, count @12, pattern @16 (the low byte is
 * written), process @20. A bad or task endpoint, or a count negative as a signed number: EINVAL;
 * a physical range past the end of memory or a virtual one not writable: EFAULT (MINIX ignores
 * vm_memset's result here; Jinx reports it).
 */
final class MemsetCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_memset.base")
    static final int BASE = 8;
    @Abi(msg = "m_lsys_krn_sys_memset.count")
    static final int COUNT = 12;
    @Abi(msg = "m_lsys_krn_sys_memset.pattern")
    static final int PATTERN = 16;
    @Abi(msg = "m_lsys_krn_sys_memset.process")
    static final int PROCESS = 20;

    private final Kernel kernel;
    private final PhysMemory memory;
    private final byte[] buf = new byte[4096];

    MemsetCall(Kernel kernel) {
        this.kernel = kernel;
        this.memory = new PhysMemory(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int who = m.getInt(PROCESS);
        int len = m.getInt(COUNT);
        Proc p = who == Endpoint.NONE ? null : CallArgs.userOrSystem(kernel, caller, who);
        if (who != Endpoint.NONE && p == null || len < 0) {
            return EINVAL;
        }
        PhysMemory.Side dst = new PhysMemory.Side(p, m.getInt(BASE));
        if (!memory.check(dst, len, true)) {
            return EFAULT;
        }
        Arrays.fill(buf, (byte) m.getInt(PATTERN));
        for (int done = 0; done < len; ) {
            int n = Math.min(buf.length, len - done);
            memory.write(dst, done, buf, n);
            done += n;
        }
        return OK;
    }
}
