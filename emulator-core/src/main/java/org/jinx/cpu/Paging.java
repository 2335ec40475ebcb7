package org.jinx.cpu;

import java.util.Arrays;
import org.jinx.mem.PhysicalMemory;

/**
 * Linear-to-physical translation: the 386's two-level page walk behind a direct-mapped software
 * TLB. There are four TLB ways of use (supervisor or user, read or write) so that one tag
 * compare answers both the translation and the permission question. A write entry is filled only
 * once the PTE's dirty bit is set, so the first write to a clean page always walks.
 */
public final class Paging {
    private static final int BITS = 10;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    // Error-code bits of #PF.
    public static final int PF_P = 1, PF_W = 2, PF_U = 4;

    private final Cpu cpu;
    private final PhysicalMemory mem;
    /** Tag = linear page number + 1 (0 is empty), per kind: 0 sup read, 1 sup write, 2 user read, 3 user write. */
    private final int[] tag = new int[4 * SIZE];
    private final int[] phys = new int[4 * SIZE];
    public long walks;

    Paging(Cpu cpu) {
        this.cpu = cpu;
        this.mem = cpu.mem;
    }

    /** Empties the TLB (CR3 load, paging switched on or off). */
    public void flush() {
        Arrays.fill(tag, 0);
    }

    /** Translates for an access; {@code write} and {@code user} select the permission check. */
    public int translate(int lin, boolean write, boolean user) {
        if ((cpu.cr0 & Cpu.CR0_PG) == 0) {
            return lin;
        }
        int vpn = lin >>> 12;
        int i = (user ? 2 : 0) + (write ? 1 : 0) << BITS | vpn & MASK;
        if (tag[i] == vpn + 1) {
            return phys[i] | lin & 0xFFF;
        }
        return walk(lin, write, user, i);
    }

    private int walk(int lin, boolean write, boolean user, int slot) {
        walks++;
        int pdeAddr = (cpu.cr3 & 0xFFFFF000) + (lin >>> 22 << 2);
        int pde = mem.read32(pdeAddr);
        if ((pde & 1) == 0) {
            throw pageFault(lin, 0, write, user);
        }
        int pteAddr = (pde & 0xFFFFF000) + ((lin >>> 12 & 0x3FF) << 2);
        int pte = mem.read32(pteAddr);
        if ((pte & 1) == 0) {
            throw pageFault(lin, 0, write, user);
        }
        // The 386 combines both levels: user needs U/S on both, a user write needs R/W on both.
        // Supervisor accesses ignore R/W entirely (there is no CR0.WP on the 386).
        if (user) {
            if ((pde & pte & 4) == 0 || write && (pde & pte & 2) == 0) {
                throw pageFault(lin, PF_P, write, user);
            }
        }
        if ((pde & 0x20) == 0) {
            mem.write32(pdeAddr, pde | 0x20);
        }
        int newPte = pte | 0x20 | (write ? 0x40 : 0);
        if (newPte != pte) {
            mem.write32(pteAddr, newPte);
        }
        int frame = pte & 0xFFFFF000;
        tag[slot] = (lin >>> 12) + 1;
        phys[slot] = frame;
        return frame | lin & 0xFFF;
    }

    private CpuFault pageFault(int lin, int p, boolean write, boolean user) {
        cpu.cr2 = lin;
        return cpu.fault(Exceptions.PF, p | (write ? PF_W : 0) | (user ? PF_U : 0));
    }

    /**
     * Walks the page tables without faulting or touching A/D bits, for debuggers and the kernel.
     * Returns -1 where nothing is mapped.
     */
    public long peekTranslate(int lin) {
        if ((cpu.cr0 & Cpu.CR0_PG) == 0) {
            return lin & 0xFFFFFFFFL;
        }
        int pde = mem.read32((cpu.cr3 & 0xFFFFF000) + (lin >>> 22 << 2));
        if ((pde & 1) == 0) {
            return -1;
        }
        int pte = mem.read32((pde & 0xFFFFF000) + ((lin >>> 12 & 0x3FF) << 2));
        if ((pte & 1) == 0) {
            return -1;
        }
        return ((pte & 0xFFFFF000) | (lin & 0xFFF)) & 0xFFFFFFFFL;
    }

    // Linear accesses. A multi-byte access that crosses a page translates both pages before it
    // touches either, so a fault leaves memory unchanged.

    public int read8(int lin, boolean user) {
        if (cpu.debugActive) {
            DebugRegisters.checkData(cpu, lin, 1, false);
        }
        return mem.read8(translate(lin, false, user));
    }

    public int read16(int lin, boolean user) {
        if (cpu.debugActive) {
            DebugRegisters.checkData(cpu, lin, 2, false);
        }
        if ((lin & 0xFFF) == 0xFFF) {
            int a = translate(lin, false, user);
            int b = translate(lin + 1, false, user);
            return mem.read8(a) | mem.read8(b) << 8;
        }
        return mem.read16(translate(lin, false, user));
    }

    public int read32(int lin, boolean user) {
        if (cpu.debugActive) {
            DebugRegisters.checkData(cpu, lin, 4, false);
        }
        if ((lin & 0xFFF) > 0xFFC) {
            int a = translate(lin, false, user);
            int b = translate((lin + 3) & 0xFFFFF000, false, user); // CR2 = first byte on the second page
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int pa = ((lin + k) & 0xFFF) >= (lin & 0xFFF) ? a + k : (b & 0xFFFFF000) + ((lin + k) & 0xFFF);
                v |= mem.read8(pa) << (8 * k);
            }
            return v;
        }
        return mem.read32(translate(lin, false, user));
    }

    public void write8(int lin, int v, boolean user) {
        if (cpu.debugActive) {
            DebugRegisters.checkData(cpu, lin, 1, true);
        }
        mem.write8(translate(lin, true, user), v);
    }

    public void write16(int lin, int v, boolean user) {
        if (cpu.debugActive) {
            DebugRegisters.checkData(cpu, lin, 2, true);
        }
        if ((lin & 0xFFF) == 0xFFF) {
            int a = translate(lin, true, user);
            int b = translate(lin + 1, true, user);
            mem.write8(a, v);
            mem.write8(b, v >>> 8);
            return;
        }
        mem.write16(translate(lin, true, user), v);
    }

    public void write32(int lin, int v, boolean user) {
        if (cpu.debugActive) {
            DebugRegisters.checkData(cpu, lin, 4, true);
        }
        if ((lin & 0xFFF) > 0xFFC) {
            int a = translate(lin, true, user);
            int b = translate((lin + 3) & 0xFFFFF000, true, user); // CR2 = first byte on the second page
            for (int k = 0; k < 4; k++) {
                int pa = ((lin + k) & 0xFFF) >= (lin & 0xFFF) ? a + k : (b & 0xFFFFF000) + ((lin + k) & 0xFFF);
                mem.write8(pa, v >>> (8 * k));
            }
            return;
        }
        mem.write32(translate(lin, true, user), v);
    }
}
