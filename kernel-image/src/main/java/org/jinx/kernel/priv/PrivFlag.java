package org.jinx.kernel.priv;

import org.jinx.kernel.abi.Abi;

/** Bits of {@link Priv#flags} (MINIX s_flags, spec 3.1). */
public final class PrivFlag {
    private PrivFlag() {
    }

    @Abi

    public static final int PREEMPTIBLE = 0x2;
    @Abi
    public static final int BILLABLE = 0x4;
    @Abi
    public static final int DYN_PRIV_ID = 0x8;
    @Abi
    public static final int SYS_PROC = 0x10;
    @Abi
    public static final int CHECK_IO_PORT = 0x20;
    @Abi
    public static final int CHECK_IRQ = 0x40;
    @Abi
    public static final int CHECK_MEM = 0x80;
    @Abi
    public static final int ROOT_SYS_PROC = 0x100;
    @Abi
    public static final int VM_SYS_PROC = 0x200;
    @Abi
    public static final int LU_SYS_PROC = 0x400;
    @Abi
    public static final int RST_SYS_PROC = 0x800;
}
