package org.jinx.kernel;

import org.jinx.kernel.proc.Context;

/**
 * Where the CPU enters the hosted kernel (architecture.md, "Hosted mode"). The binding saves
 * the running process's registers into {@link #current()}, calls {@link #trap}, and loads the
 * registers of whatever {@link #current()} is afterwards. The kernel sees the CPU only through
 * saved contexts; it never touches the CPU itself.
 */
public interface KernelTrap {
    /** Vectors of spec 1.1. The "UM" vectors do the same work as the originals. */
    int KERN_CALL_VECTOR = 0x20;
    int IPC_VECTOR = 0x21;
    int KERN_CALL_VECTOR_UM = 0x22;
    int IPC_VECTOR_UM = 0x23;
    /** Where the kernel programs the 8259s: IRQ 0-7 and IRQ 8-15. */
    int IRQ0_VECTOR = 0x50;
    int IRQ8_VECTOR = 0x70;

    enum Kind {
        /** INT 0x21 / 0x23. */
        IPC,
        /** INT 0x20 / 0x22. */
        KERNEL_CALL,
        /** A CPU exception raised by the running process (vector and error code as the CPU gives them). */
        EXCEPTION,
        /** An external interrupt; the vector is the PIC's. */
        INTERRUPT
    }

    /** The context to run: the current process's saved registers, or null when idle. */
    Context current();

    /**
     * A number that changes whenever the kernel removes or narrows a page mapping, so the CPU
     * must drop its cached translations even if CR3 stays the same.
     */
    default long mappingEpoch() {
        return 0;
    }

    /** Handles one trap of the current process (or an interrupt while idle), then picks who runs next. */
    void trap(Kind kind, int vector, int errorCode);
}
