package org.jinx.kernel.system;

import static org.jinx.kernel.Errno.EINVAL;
import static org.jinx.kernel.Errno.ENOMEM;
import static org.jinx.kernel.Errno.EPERM;
import static org.jinx.kernel.Errno.OK;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.ipc.Message;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * SYS_VMCTL (0x62B): address-space control. In MINIX only the VM server calls it; Jinx has no VM
 * server, because the kernel builds the page tables itself, so this call is also how a loader
 * (PM's exec, a test) shapes another process's memory. MINIX's sub-operations that still make
 * sense are kept with their numbers (VMINHIBIT_SET/CLEAR, BOOTINHIBIT_CLEAR, GET_PDBR, FLUSHTLB);
 * the Jinx ones, numbered from 64, replace VM's own page-table editing: MAP (zeroed pages),
 * UNMAP, PROTECT and NEWSPACE (an empty address space, for exec).
 *
 * <p>Request ({@code m_lsys_krn_sys_vmctl}): who @8 (SELF allowed), param @12, value @16, addr @20,
 * len @24, flags @28 (VMCTL_JINX_WRITABLE). Reply: value @16 (GET_PDBR). A bad endpoint, an
 * unknown param, or a range not page aligned: EINVAL; NEWSPACE for oneself or a process without
 * its own space: EPERM; no memory: ENOMEM.
 */
final class VmctlCall implements KernelCall {
    @Abi(msg = "m_lsys_krn_sys_vmctl.who")
    static final int WHO = 8;
    @Abi(msg = "m_lsys_krn_sys_vmctl.param")
    static final int PARAM = 12;
    @Abi(msg = "m_lsys_krn_sys_vmctl.value")
    static final int VALUE = 16;
    @Abi(msg = "m_lsys_krn_sys_vmctl.addr")
    static final int ADDR = 20;
    @Abi(msg = "m_lsys_krn_sys_vmctl.len")
    static final int LEN = 24;
    @Abi(msg = "m_lsys_krn_sys_vmctl.flags")
    static final int FLAGS = 28;

    @Abi
    static final int VMCTL_GET_PDBR = 20;
    @Abi
    static final int VMCTL_FLUSHTLB = 26;
    @Abi
    static final int VMCTL_VMINHIBIT_SET = 30;
    @Abi
    static final int VMCTL_VMINHIBIT_CLEAR = 31;
    @Abi
    static final int VMCTL_BOOTINHIBIT_CLEAR = 33;
    @Abi
    static final int VMCTL_JINX_MAP = 64;
    @Abi
    static final int VMCTL_JINX_UNMAP = 65;
    @Abi
    static final int VMCTL_JINX_PROTECT = 66;
    @Abi
    static final int VMCTL_JINX_NEWSPACE = 67;
    @Abi
    static final int VMCTL_JINX_WRITABLE = 0x1;

    private final Kernel kernel;

    VmctlCall(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public int call(Proc caller, Message m) {
        Proc p = CallArgs.userOrSystem(kernel, caller, m.getInt(WHO));
        if (p == null) {
            return EINVAL;
        }
        int addr = m.getInt(ADDR);
        int len = m.getInt(LEN);
        boolean writable = (m.getInt(FLAGS) & VMCTL_JINX_WRITABLE) != 0;
        switch (m.getInt(PARAM)) {
            case VMCTL_GET_PDBR -> m.setInt(VALUE, p.context.cr3);
            case VMCTL_FLUSHTLB -> {
                // The trap binding flushes whenever a mapping narrows; nothing is left to do.
            }
            case VMCTL_VMINHIBIT_SET -> p.setRts(RtsFlag.VMINHIBIT);
            case VMCTL_VMINHIBIT_CLEAR -> p.clearRts(RtsFlag.VMINHIBIT);
            case VMCTL_BOOTINHIBIT_CLEAR -> p.clearRts(RtsFlag.BOOTINHIBIT);
            case VMCTL_JINX_MAP, VMCTL_JINX_UNMAP, VMCTL_JINX_PROTECT -> {
                return editRange(p, m.getInt(PARAM), addr, len, writable);
            }
            case VMCTL_JINX_NEWSPACE -> {
                return newSpace(caller, p);
            }
            default -> {
                return EINVAL;
            }
        }
        return OK;
    }

    private int editRange(Proc p, int param, int addr, int len, boolean writable) {
        if ((addr & 0xFFF) != 0 || len <= 0 || (len & 0xFFF) != 0 || (addr & 0xFFFFFFFFL) + len > 0x1_0000_0000L) {
            return EINVAL;
        }
        if (!p.ownsSpace) {
            return EPERM;
        }
        int space = p.context.cr3;
        return switch (param) {
            case VMCTL_JINX_MAP -> kernel.spaces().map(space, addr, len, writable) ? OK : ENOMEM;
            case VMCTL_JINX_UNMAP -> kernel.spaces().unmap(space, addr, len) ? OK : EINVAL;
            default -> kernel.spaces().protect(space, addr, len, writable) ? OK : EINVAL;
        };
    }

    /** Replaces p's address space with an empty one (the first step of loading a new program). */
    private int newSpace(Proc caller, Proc p) {
        if (p == caller || !p.ownsSpace) {
            return EPERM;
        }
        int space = kernel.spaces().create();
        if (space == -1) {
            return ENOMEM;
        }
        kernel.spaces().destroy(p.context.cr3);
        p.context.cr3 = space;
        return OK;
    }
}
