package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EFAULT;
import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.OK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.clock.ClockTask;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.priv.Priv;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;

/**
 * SYS_GETINFO (0x61A): copies kernel information to the caller (MINIX do_getinfo). Supported:
 * GET_WHOAMI (the answer is in the reply itself), GET_HZ (an int), GET_KINFO
 * ({@code struct kinfo}), GET_PROC ({@code struct jinx_procinfo} of endpt) and GET_PRIV
 * ({@code struct jinx_privinfo} of endpt). MINIX hands out raw kernel tables here; Jinx gives
 * fixed structures instead, so guests never depend on the kernel's insides.
 *
 * <p>Request ({@code m_lsys_krn_sys_getinfo}): request @8, endpt @12 (SELF allowed), val_ptr @16,
 * val_len @20. An unknown request, a bad endpoint, or val_len smaller than the structure: EINVAL;
 * an unwritable buffer: EFAULT. WHOAMI reply ({@code m_krn_lsys_sys_getwhoami}): endpt @8,
 * privflags @12, initflags @16, name @20 (44 bytes, NUL-terminated).
 */
final class GetinfoCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_getinfo.request")
    static final int REQUEST = 8;
    @Abi(msg = "m_lsys_krn_sys_getinfo.endpt")
    static final int ENDPT = 12;
    @Abi(msg = "m_lsys_krn_sys_getinfo.val_ptr")
    static final int VAL_PTR = 16;
    @Abi(msg = "m_lsys_krn_sys_getinfo.val_len")
    static final int VAL_LEN = 20;
    @Abi(msg = "m_krn_lsys_sys_getwhoami.endpt")
    static final int WHOAMI_ENDPT = 8;
    @Abi(msg = "m_krn_lsys_sys_getwhoami.privflags")
    static final int WHOAMI_PRIVFLAGS = 12;
    @Abi(msg = "m_krn_lsys_sys_getwhoami.initflags")
    static final int WHOAMI_INITFLAGS = 16;
    @Abi(msg = "m_krn_lsys_sys_getwhoami.name")
    static final int WHOAMI_NAME = 20;
    static final int WHOAMI_NAME_LEN = 44;

    @Abi
    static final int GET_KINFO = 0;
    @Abi
    static final int GET_PROC = 11;
    @Abi
    static final int GET_PRIV = 17;
    @Abi
    static final int GET_HZ = 18;
    @Abi
    static final int GET_WHOAMI = 19;

    @Abi(sizeOf = "struct kinfo")
    static final int KINFO_SIZE = 40;
    @Abi(offsetOf = "struct kinfo.release")
    static final int KINFO_RELEASE = 24;
    @Abi(sizeOf = "struct jinx_procinfo")
    static final int PROCINFO_SIZE = 56;
    @Abi(offsetOf = "struct jinx_procinfo.name")
    static final int PROCINFO_NAME = 40;
    @Abi(sizeOf = "struct jinx_privinfo")
    static final int PRIVINFO_SIZE = 60;
    @Abi(offsetOf = "struct jinx_privinfo.s_grant_entries")
    static final int PRIVINFO_GRANT_ENTRIES = 56;
    static final String RELEASE = "jinx-0.1";

    private final Kernel kernel;

    GetinfoCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        int request = m.getInt(REQUEST);
        if (request == GET_WHOAMI) {
            return whoami(caller, m);
        }
        ByteBuffer out;
        switch (request) {
            case GET_HZ -> out = buffer(4).putInt(ClockTask.HZ);
            case GET_KINFO -> out = kinfo();
            case GET_PROC, GET_PRIV -> {
                Proc p = CallArgs.process(kernel, caller, m.getInt(ENDPT));
                if (p == null) {
                    return EINVAL;
                }
                out = request == GET_PROC ? procinfo(p) : privinfo(p);
            }
            default -> {
                return EINVAL;
            }
        }
        if (m.getInt(VAL_LEN) < out.capacity()) {
            return EINVAL;
        }
        boolean ok = kernel.memory().copyOut(caller.context.cr3, m.getInt(VAL_PTR), out.array(), 0, out.capacity()).ok();
        return ok ? OK : EFAULT;
    }

    private int whoami(Proc caller, Message m) {
        m.setInt(WHOAMI_ENDPT, caller.endpoint());
        m.setInt(WHOAMI_PRIVFLAGS, caller.priv() == null ? 0 : caller.priv().flags);
        m.setInt(WHOAMI_INITFLAGS, 0);
        byte[] name = caller.name().getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(name.length, WHOAMI_NAME_LEN - 1);
        System.arraycopy(name, 0, m.buf, WHOAMI_NAME, n);
        java.util.Arrays.fill(m.buf, WHOAMI_NAME + n, WHOAMI_NAME + WHOAMI_NAME_LEN, (byte) 0);
        return OK;
    }

    private ByteBuffer kinfo() {
        ByteBuffer b = buffer(KINFO_SIZE);
        b.putInt(Endpoint.NR_PROCS).putInt(Endpoint.NR_TASKS).putInt(PrivTable.NR_SYS_PROCS).putInt(ClockTask.HZ)
                .putInt(kernel.spaces().freePages()).putInt(Endpoint.NR_BOOT_PROCS);
        putString(b, KINFO_RELEASE, RELEASE, 16);
        return b;
    }

    private static ByteBuffer procinfo(Proc p) {
        ByteBuffer b = buffer(PROCINFO_SIZE);
        b.putInt(p.endpoint()).putInt(p.priv() == null ? -1 : p.priv().id).putInt(p.rts()).putInt(p.misc())
                .putInt(p.priority()).putInt(p.quantumTicks).putInt(p.sendtoE).putInt(p.getfromE)
                .putInt((int) p.userTicks).putInt((int) p.sysTicks);
        putString(b, PROCINFO_NAME, p.name(), 16);
        return b;
    }

    private static ByteBuffer privinfo(Proc p) {
        ByteBuffer b = buffer(PRIVINFO_SIZE);
        Priv pv = p.priv();
        if (pv == null) {
            b.putInt(-1);
            return b;
        }
        b.putInt(pv.id).putInt(pv.flags).putInt(pv.trapMask).putInt(pv.sigMgr).putLong(pv.ipcTo)
                .putLong(pv.kCallMask).putLong(pv.notifyPending).putLong(pv.asynPending).putInt(pv.intPending)
                .putInt(pv.asynsize).putInt(pv.grantEntries);
        return b;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putString(ByteBuffer b, int at, String s, int max) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        b.put(at, bytes, 0, Math.min(bytes.length, max - 1));
    }
}
