package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_PHYSCOPY (0x610): copy where either side may be a physical address (MINIX do_copy for
 * SYS_PHYSCOPY): an endpoint of NONE makes its address physical, any other endpoint names a
 * process's virtual memory. It is VM's call (and a frame-buffer driver's), so it reaches all of
 * the machine's memory, the kernel's page tables included; only the call mask guards it. Both
 * ranges are checked before a byte moves, and overlapping ranges in one space copy correctly.
 *
 * <p>Request ({@code m_lsys_krn_sys_copy}, as SYS_VIRCOPY): src_addr @8, src_endpt @12,
 * dst_addr @16, dst_endpt @20, nr_bytes @24, flags @28 (CP_FLAG_TRY is accepted and changes
 * nothing: Jinx has no VM to ask for missing pages). A bad or task endpoint, or a negative count:
 * EINVAL; a physical range past the end of memory, or a virtual range not mapped (not writable,
 * for the destination): EFAULT.
 */
final class PhyscopyCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_copy.flags")
    static final int FLAGS = 28;
    @Abi("CP_FLAG_TRY")
    static final int CP_FLAG_TRY = 0x01;

    private final Kernel kernel;
    private final PhysMemory memory;
    private final byte[] buf = new byte[4096];

    PhyscopyCall(Kernel kernel) {
        this.kernel = kernel;
        this.memory = new PhysMemory(kernel);
    }

    @Override
    public int call(Proc caller, Message m) {
        int len = m.getInt(VircopyCall.NR_BYTES);
        PhysMemory.Side src = side(caller, m.getInt(VircopyCall.SRC_ENDPT), m.getInt(VircopyCall.SRC_ADDR));
        PhysMemory.Side dst = side(caller, m.getInt(VircopyCall.DST_ENDPT), m.getInt(VircopyCall.DST_ADDR));
        if (src == null || dst == null || len < 0) {
            return EINVAL;
        }
        if (!memory.check(src, len, false) || !memory.check(dst, len, true)) {
            return EFAULT;
        }
        boolean backwards = PhysMemory.sameSpace(src, dst) && Integer.compareUnsigned(dst.addr(), src.addr()) > 0
                && Integer.compareUnsigned(dst.addr(), src.addr() + len) < 0;
        for (int done = 0; done < len; ) {
            int n = Math.min(buf.length, len - done);
            int at = backwards ? len - done - n : done;
            memory.read(src, at, buf, n);
            memory.write(dst, at, buf, n);
            done += n;
        }
        return OK;
    }

    /** NONE: physical; else a live process that has memory; null if neither. */
    private PhysMemory.Side side(Proc caller, int endpoint, int addr) {
        if (endpoint == Endpoint.NONE) {
            return new PhysMemory.Side(null, addr);
        }
        Proc p = CallArgs.userOrSystem(kernel, caller, endpoint);
        return p == null ? null : new PhysMemory.Side(p, addr);
    }
}
