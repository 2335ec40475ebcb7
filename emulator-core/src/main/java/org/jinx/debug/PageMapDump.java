package org.jinx.debug;

import org.jinx.cpu.Cpu;
import org.jinx.mem.PhysicalMemory;

/**
 * The linear address space as the current page tables map it, for {@code monitor memory map}:
 * one line per run of pages that are contiguous both linearly and physically and have the same
 * permissions (the 386 combines the PDE's and PTE's U/S and R/W bits). Reads the tables
 * directly, so nothing in the guest changes.
 */
final class PageMapDump {
    /** Enough for any sane kernel; a table full of scattered pages is cut off with a count. */
    static final int MAX_LINES = 256;

    private PageMapDump() {
    }

    static String describe(Cpu cpu) {
        StringBuilder sb = new StringBuilder();
        if (!cpu.pagingEnabled()) {
            sb.append(String.format("paging is off: linear addresses are physical; RAM is 00000000-%08x%n",
                    cpu.mem.ramSize() - 1));
            return sb.toString();
        }
        return describe(cpu.mem, cpu.cr3);
    }

    /** The ranges the page directory at {@code cr3} maps, whether or not the CPU has it loaded. */
    static String describe(PhysicalMemory mem, int cr3) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("CR3=%08x  linear range        physical range      perm%n", cr3));
        Run run = new Run();
        int lines = 0;
        int dropped = 0;
        int pd = cr3 & 0xFFFFF000;
        for (int i = 0; i < 1024; i++) {
            int pde = mem.read32(pd + 4 * i);
            if ((pde & 1) == 0) {
                continue;
            }
            int pt = pde & 0xFFFFF000;
            for (int j = 0; j < 1024; j++) {
                int pte = mem.read32(pt + 4 * j);
                if ((pte & 1) == 0) {
                    continue;
                }
                long lin = (long) i << 22 | (long) j << 12;
                long phys = pte & 0xFFFFF000L;
                int perm = pde & pte & 6;
                if (!run.extend(lin, phys, perm)) {
                    if (run.active) {
                        if (lines < MAX_LINES) {
                            run.print(sb);
                            lines++;
                        } else {
                            dropped++;
                        }
                    }
                    run.start(lin, phys, perm);
                }
            }
        }
        if (run.active) {
            if (lines < MAX_LINES) {
                run.print(sb);
                lines++;
            } else {
                dropped++;
            }
        }
        if (lines == 0) {
            sb.append("nothing is mapped\n");
        }
        if (dropped > 0) {
            sb.append(String.format("... and %d more ranges%n", dropped));
        }
        return sb.toString();
    }

    /** A run of pages being coalesced. */
    private static final class Run {
        boolean active;
        long lin;
        long phys;
        long size;
        int perm;

        boolean extend(long l, long p, int pm) {
            if (active && l == lin + size && p == phys + size && pm == perm) {
                size += 0x1000;
                return true;
            }
            return false;
        }

        void start(long l, long p, int pm) {
            active = true;
            lin = l;
            phys = p;
            perm = pm;
            size = 0x1000;
        }

        void print(StringBuilder sb) {
            sb.append(String.format("          %08x-%08x -> %08x-%08x %s %s%n", lin, lin + size - 1, phys,
                    phys + size - 1, (perm & 4) != 0 ? "user" : "sup ", (perm & 2) != 0 ? "rw" : "ro"));
        }
    }
}
