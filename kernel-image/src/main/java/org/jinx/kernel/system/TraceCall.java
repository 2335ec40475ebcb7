package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Context;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_TRACE (0x605): the kernel's side of ptrace (MINIX do_trace), for PM acting for a
 * debugger: read and write a traced process's memory and saved registers, stop it, resume it,
 * single-step it. T_OK, T_ATTACH, T_EXIT and T_SETOPT are PM's alone and are EINVAL here, as in
 * MINIX; so is T_SYSCALL, since Jinx does not trace system calls.
 *
 * <ul>
 *   <li>T_GETINS/T_GETDATA: the 32-bit word at address (text and data are one flat space);
 *   T_READB_INS: one byte.
 *   <li>T_SETDATA: writes data at address where the process itself could write; T_SETINS and
 *   T_WRITEB_INS write through the mapping, read-only text included, so a debugger can plant a
 *   breakpoint (the page must be mapped).
 *   <li>T_GETUSER/T_SETUSER: the word at byte offset address of the saved register frame in
 *   the order of spec 1.6 ({@code struct jinx_trace_frame}: gs, fs, es, ds as 16-bit values,
 *   then edi ... ss). A misaligned or out-of-frame offset is EFAULT. T_SETUSER refuses the
 *   selectors (EFAULT: a process runs flat ring 3 only) and takes only the user-changeable EFLAGS
 *   bits.
 *   <li>T_STOP sets P_STOP and clears TF; T_RESUME and T_DETACH clear P_STOP; T_STEP sets TF and
 *   clears P_STOP, so the process runs one instruction and takes a #DB, which the kernel turns
 *   into SIGTRAP for its signal manager (the tracer's T_STOP then ends the stepping).
 * </ul>
 *
 * <p>Request ({@code m_lsys_krn_sys_trace}): request @8, endpt @12, address @16, data @20.
 * Reply ({@code m_krn_lsys_sys_trace}): data @8. A bad endpoint or request: EINVAL; a kernel
 * task: EPERM; memory not there (or not writable for T_SETDATA): EFAULT.
 */
final class TraceCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_trace.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_trace.endpt")
    static final int ENDPT = 12;
    @Abi(msg = "m_lsys_krn_sys_trace.address")
    static final int ADDRESS = 16;
    @Abi(msg = "m_lsys_krn_sys_trace.data")
    static final int DATA = 20;
    @Abi(msg = "m_krn_lsys_sys_trace.data")
    static final int REPLY_DATA = 8;

    @Abi
    static final int T_STOP = -1;
    @Abi
    static final int T_GETINS = 2;
    @Abi
    static final int T_GETDATA = 3;
    @Abi
    static final int T_GETUSER = 4;
    @Abi
    static final int T_SETINS = 5;
    @Abi
    static final int T_SETDATA = 6;
    @Abi
    static final int T_SETUSER = 7;
    @Abi
    static final int T_RESUME = 8;
    @Abi
    static final int T_STEP = 10;
    @Abi
    static final int T_DETACH = 12;
    @Abi
    static final int T_READB_INS = 100;
    @Abi
    static final int T_WRITEB_INS = 101;

    // struct jinx_trace_frame: the saved registers as T_GETUSER/T_SETUSER address them
    @Abi(offsetOf = "struct jinx_trace_frame.gs")
    static final int F_GS = 0;
    @Abi(offsetOf = "struct jinx_trace_frame.ds")
    static final int F_DS = 6;
    @Abi(offsetOf = "struct jinx_trace_frame.edi")
    static final int F_EDI = 8;
    @Abi(offsetOf = "struct jinx_trace_frame.eax")
    static final int F_EAX = 32;
    @Abi(offsetOf = "struct jinx_trace_frame.eip")
    static final int F_EIP = 36;
    @Abi(offsetOf = "struct jinx_trace_frame.cs")
    static final int F_CS = 40;
    @Abi(offsetOf = "struct jinx_trace_frame.eflags")
    static final int F_EFLAGS = 44;
    @Abi(offsetOf = "struct jinx_trace_frame.esp")
    static final int F_ESP = 48;
    @Abi(offsetOf = "struct jinx_trace_frame.ss")
    static final int F_SS = 52;
    @Abi(sizeOf = "struct jinx_trace_frame")
    static final int FRAME_SIZE = 56;

    private final Kernel kernel;
    private final byte[] word = new byte[4];
    private final byte[] frame = new byte[FRAME_SIZE];

    TraceCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = kernel.procs().lookup(m.getInt(ENDPT));
        int checked = CallArgs.targetCheck(p);
        if (checked != OK) {
            return checked;
        }
        int request = m.getInt(REQUEST);
        int addr = m.getInt(ADDRESS);
        int data = m.getInt(DATA);
        Context c = p.context;
        m.setInt(REPLY_DATA, 0); // the reply's data overlays the request field: read everything first
        switch (request) {
            case T_STOP -> {
                p.setRts(RtsFlag.P_STOP);
                c.eflags &= ~Eflags.TF;
            }
            case T_GETINS, T_GETDATA -> {
                if (!kernel.memory().copyIn(c.cr3, addr, word, 0, 4).ok()) {
                    return EFAULT;
                }
                m.setInt(REPLY_DATA, SigFrame.get(word, 0));
            }
            case T_READB_INS -> {
                if (!kernel.memory().copyIn(c.cr3, addr, word, 0, 1).ok()) {
                    return EFAULT;
                }
                m.setInt(REPLY_DATA, word[0] & 0xFF);
            }
            case T_SETDATA -> {
                SigFrame.put(word, 0, data);
                if (!kernel.memory().copyOut(c.cr3, addr, word, 0, 4).ok()) {
                    return EFAULT;
                }
            }
            case T_SETINS -> {
                SigFrame.put(word, 0, data);
                return writeThroughMapping(c.cr3, addr, 4);
            }
            case T_WRITEB_INS -> {
                word[0] = (byte) data;
                return writeThroughMapping(c.cr3, addr, 1);
            }
            case T_GETUSER -> {
                if ((addr & 3) != 0 || Integer.compareUnsigned(addr, FRAME_SIZE - 4) > 0) {
                    return EFAULT;
                }
                saveFrame(c);
                m.setInt(REPLY_DATA, SigFrame.get(frame, addr));
            }
            case T_SETUSER -> {
                return setUser(c, addr, data);
            }
            case T_RESUME, T_DETACH -> p.clearRts(RtsFlag.P_STOP);
            case T_STEP -> {
                c.eflags |= Eflags.TF;
                p.clearRts(RtsFlag.P_STOP);
            }
            default -> {
                return EINVAL;
            }
        }
        return OK;
    }

    /** T_SETUSER: one register of the frame; never a selector, EFLAGS only in its user bits. */
    private static int setUser(Context c, int addr, int data) {
        switch (addr) {
            case F_EDI -> c.edi = data;
            case F_EDI + 4 -> c.esi = data;
            case F_EDI + 8 -> c.ebp = data;
            case F_EDI + 12 -> c.ebx = data;
            case F_EDI + 16 -> c.edx = data;
            case F_EDI + 20 -> c.ecx = data;
            case F_EAX -> c.eax = data;
            case F_EIP -> c.eip = data;
            case F_EFLAGS -> c.eflags = Eflags.merge(c.eflags, data);
            case F_ESP -> c.esp = data;
            default -> {
                return EFAULT; // misaligned, outside the frame, or a selector (gs/fs, es/ds, cs, ss)
            }
        }
        return OK;
    }

    private void saveFrame(Context c) {
        SigFrame.put(frame, F_GS, c.gs & 0xFFFF | c.fs << 16);
        SigFrame.put(frame, F_GS + 4, c.es & 0xFFFF | c.ds << 16);
        int[] regs = {c.edi, c.esi, c.ebp, c.ebx, c.edx, c.ecx, c.eax, c.eip, c.cs, c.eflags, c.esp, c.ss};
        for (int i = 0; i < regs.length; i++) {
            SigFrame.put(frame, F_EDI + 4 * i, regs[i]);
        }
    }

    /**
     * Writes {@link #word}'s first {@code n} bytes at {@code addr} through the page tables,
     * ignoring write protection but not absence: every byte's page is looked up before the first
     * is written.
     */
    private int writeThroughMapping(int space, int addr, int n) {
        long[] phys = new long[n];
        for (int i = 0; i < n; i++) {
            phys[i] = kernel.spaces().translate(space, addr + i);
            if (phys[i] == -1) {
                return EFAULT;
            }
        }
        for (int i = 0; i < n; i++) {
            kernel.spaces().writePhysical(phys[i], word, i, 1);
        }
        return OK;
    }
}
