package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_READBIOS (0x623): copy from the PC's BIOS areas into the caller (MINIX do_readbios), for
 * drivers that look up what the firmware left there: the real-mode interrupt vectors and the
 * BIOS data area ({@link #BIOS_MEM_BEGIN}..{@link #BIOS_MEM_END}), or the extended BIOS data
 * area, video memory and ROMs from the top of base memory to the end of the first megabyte
 * ({@link #BASE_MEM_TOP}..{@link #UPPER_MEM_END}). The whole range must lie in one of the two;
 * nothing else of physical memory is reachable this way.
 *
 * <p>Request ({@code m_lsys_krn_readbios}): size @8, addr @12 (physical), buf @16 (in the
 * caller). A negative size: EINVAL; a range outside both areas: EPERM; a buffer not writable:
 * EFAULT.
 */
final class ReadbiosCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_readbios.size")
    static final int SIZE = 8;
    @Abi(msg = "m_lsys_krn_readbios.addr")
    static final int ADDR = 12;
    @Abi(msg = "m_lsys_krn_readbios.buf")
    static final int BUF = 16;

    /** The interrupt vectors and the BIOS data area. */
    @Abi
    static final int BIOS_MEM_BEGIN = 0x00000;
    @Abi
    static final int BIOS_MEM_END = 0x004FF;
    /** From the extended BIOS data area to the end of the ROMs. */
    @Abi
    static final int BASE_MEM_TOP = 0x9FC00;
    @Abi
    static final int UPPER_MEM_END = 0xFFFFF;

    private final Kernel kernel;
    private final byte[] buf = new byte[4096];

    ReadbiosCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        int len = m.getInt(SIZE);
        long first = m.getInt(ADDR) & 0xFFFFFFFFL;
        if (len < 0) {
            return EINVAL;
        }
        if (len == 0) {
            return OK;
        }
        long last = first + len - 1;
        if (!(within(first, last, BIOS_MEM_BEGIN, BIOS_MEM_END) || within(first, last, BASE_MEM_TOP, UPPER_MEM_END))) {
            return EPERM;
        }
        if (!kernel.memory().probe(caller.context.cr3, m.getInt(BUF), len, true).ok()
                || !kernel.spaces().readPhysical(last + 1, buf, 0, 0)) {
            return EFAULT; // the buffer, or a machine with less than 1 MiB of memory
        }
        for (int done = 0; done < len; ) {
            int n = Math.min(buf.length, len - done);
            kernel.spaces().readPhysical(first + done, buf, 0, n);
            kernel.memory().copyOut(caller.context.cr3, m.getInt(BUF) + done, buf, 0, n);
            done += n;
        }
        return OK;
    }

    private static boolean within(long first, long last, long begin, long end) {
        return first >= begin && last <= end;
    }
}
