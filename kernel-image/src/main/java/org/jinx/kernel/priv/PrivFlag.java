package org.jinx.kernel.priv;

/** Bits of {@link Priv#flags} (MINIX s_flags, spec 3.1). */
public final class PrivFlag {
    private PrivFlag() {
    }

    public static final int PREEMPTIBLE = 0x2;
    public static final int BILLABLE = 0x4;
    public static final int DYN_PRIV_ID = 0x8;
    public static final int SYS_PROC = 0x10;
    public static final int CHECK_IO_PORT = 0x20;
    public static final int CHECK_IRQ = 0x40;
    public static final int CHECK_MEM = 0x80;
    public static final int ROOT_SYS_PROC = 0x100;
    public static final int VM_SYS_PROC = 0x200;
    public static final int LU_SYS_PROC = 0x400;
    public static final int RST_SYS_PROC = 0x800;
}
