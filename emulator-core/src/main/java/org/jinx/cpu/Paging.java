package org.jinx.cpu;

import java.util.Arrays;
import org.jinx.mem.PhysicalMemory;

/**
 * Linear-to-physical translation: the 386's two-level page walk behind a direct-mapped software
 * TLB. There are four TLB ways of use (supervisor or user, read or write) so that one tag
 * compare answers both the translation and the permission question. A write entry is filled only
 * once the PTE's dirty bit is set, so the first write to a clean page always walks.
 *
 * <p>A host kernel that switches between address spaces (hosted mode) may keep each space's
 * translations instead of walking them all again after every switch: {@link #switchSpace}
 * changes CR3 and selects a TLB of that space, cached from the last time it ran. Only the
 * caller knows that none of those page tables was narrowed meanwhile; when one was, it calls
 * {@link #flush}, which drops every cached space, as does everything a guest can do (MOV CR3,
 * a task switch, switching PG): to the guest the TLB stays the 386's one TLB.
 */
public final class Paging {
    private static final int BITS = 10;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    /** Address spaces whose TLBs are kept; the least recently used gives way beyond this. */
    static final int SPACES = 16;
    // Error-code bits of #PF.
    public static final int PF_P = 1, PF_W = 2, PF_U = 4;

    private final Cpu cpu;
    private final PhysicalMemory mem;
    /** The current space's TLB (Space.tag, Space.phys), kept in fields for the hot path. */
    private int[] tag;
    private int[] phys;
    public long walks;
    /**
     * Identifies what the TLB translates: it changes on every flush and every switch to another
     * space, and comes back to a space's own value when {@link #switchSpace} returns to it
     * unflushed. What was translated under one value translates the same under it again.
     */
    public int epoch;

    /** One address space's TLB: tag = linear page number + 1 (0 is empty), per kind of use. */
    private static final class Space {
        final int[] tag = new int[4 * SIZE];
        final int[] phys = new int[4 * SIZE];
        /** The CR3 whose tables filled it; meaningful only while {@code generation} is current. */
        int cr3;
        long generation;
        int epoch;
        long lastUse;
    }

    private final Space[] spaces = new Space[SPACES];
    private int current;
    /** Bumped by every flush: a space from an older generation holds nothing. */
    private long generation;
    private int epochs;
    private long uses;

    Paging(Cpu cpu) {
        this.cpu = cpu;
        this.mem = cpu.mem;
        Space s = new Space();
        spaces[0] = s;
        tag = s.tag;
        phys = s.phys;
    }

    /** Empties the TLB (CR3 load, paging switched on or off), and every other space's with it. */
    public void flush() {
        generation++;
        Space s = spaces[current];
        Arrays.fill(s.tag, 0);
        s.generation = generation;
        s.epoch = ++epochs;
        epoch = s.epoch;
    }

    /**
     * Loads CR3 for a host kernel's context switch, keeping the TLB of the space left behind
     * and taking up the one of the space entered if it is still cached. The caller vouches that
     * no page-table entry of a cached space lost a mapping or a permission since that space last
     * ran (otherwise it must {@link #flush} after the load). Not an instruction: MOV CR3 flushes.
     */
    public void switchSpace(int cr3) {
        Space cur = spaces[current];
        cur.cr3 = cpu.cr3; // what its entries were walked under
        cur.lastUse = ++uses;
        cpu.cr3 = cr3;
        if (cr3 == cur.cr3) {
            return;
        }
        int victim = -1;
        for (int k = 0; k < SPACES; k++) {
            Space s = spaces[k];
            if (s == null) {
                if (victim < 0 || spaces[victim] != null) {
                    victim = k;
                }
                break;
            }
            if (k == current) {
                continue;
            }
            if (s.generation == generation && s.cr3 == cr3) {
                select(k);
                return;
            }
            if (victim < 0 || s.generation != generation
                    || spaces[victim].generation == generation && s.lastUse < spaces[victim].lastUse) {
                victim = k;
            }
        }
        Space s = spaces[victim];
        if (s == null) {
            s = new Space();
            spaces[victim] = s;
        } else {
            Arrays.fill(s.tag, 0);
        }
        s.generation = generation;
        s.epoch = ++epochs;
        select(victim);
    }

    private void select(int k) {
        Space s = spaces[k];
        current = k;
        tag = s.tag;
        phys = s.phys;
        epoch = s.epoch;
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
