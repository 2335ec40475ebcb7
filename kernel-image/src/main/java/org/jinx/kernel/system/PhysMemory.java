package org.jinx.kernel.system;

import org.jinx.kernel.Kernel;
import org.jinx.kernel.proc.Proc;

/**
 * One side of a copy or fill that may be physical or virtual, as MINIX's vir_addr with
 * proc_nr_e NONE means a physical address (SYS_PHYSCOPY, SYS_MEMSET). Checks come first and
 * are whole-range; the accesses after a successful check cannot fail.
 */
final class PhysMemory {
    private static final byte[] NOTHING = new byte[0];

    private final Kernel kernel;

    PhysMemory(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A side: {@code proc} null means physical memory. */
    record Side(Proc proc, int addr) {
        boolean physical() {
            return proc == null;
        }
    }

    /** True if [side, side+len) exists and (for {@code write}) is writable. */
    boolean check(Side s, int len, boolean write) {
        if (s.physical()) {
            // An empty read at the end succeeds exactly when the whole range lies in memory.
            return kernel.spaces().readPhysical((s.addr() & 0xFFFFFFFFL) + len, NOTHING, 0, 0);
        }
        return kernel.memory().probe(s.proc().context.cr3, s.addr(), len, write).ok();
    }

    void read(Side s, int at, byte[] b, int n) {
        if (s.physical()) {
            kernel.spaces().readPhysical((s.addr() & 0xFFFFFFFFL) + at, b, 0, n);
        } else {
            kernel.memory().copyIn(s.proc().context.cr3, s.addr() + at, b, 0, n);
        }
    }

    void write(Side s, int at, byte[] b, int n) {
        if (s.physical()) {
            kernel.spaces().writePhysical((s.addr() & 0xFFFFFFFFL) + at, b, 0, n);
        } else {
            kernel.memory().copyOut(s.proc().context.cr3, s.addr() + at, b, 0, n);
        }
    }

    /** True if both sides are the same memory (both physical, or one address space). */
    static boolean sameSpace(Side a, Side b) {
        return a.physical() ? b.physical() : !b.physical() && a.proc().context.cr3 == b.proc().context.cr3;
    }
}
