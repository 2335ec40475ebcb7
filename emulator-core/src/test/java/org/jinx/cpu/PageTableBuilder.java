package org.jinx.cpu;

/**
 * Two-level 386 page tables in a {@link CpuRig}'s memory for tests: one page directory and one
 * page table identity-mapping the first 4 MiB, every page present, writable and user. Tests
 * change single PTEs to build the case they need. Entry layout per SDM "Page-Table Entry".
 */
public final class PageTableBuilder {
    public static final int DIRECTORY = 0x30000;
    public static final int TABLE = 0x31000;
    public static final int P = 1, RW = 2, US = 4, A = 0x20, D = 0x40;

    private final Cpu cpu;

    private PageTableBuilder(Cpu cpu) {
        this.cpu = cpu;
    }

    /** Builds the identity map and turns paging on (CR3, CR0.PG). */
    public static PageTableBuilder identity(CpuRig rig) {
        PageTableBuilder b = new PageTableBuilder(rig.cpu);
        rig.cpu.mem.write32(DIRECTORY, TABLE | P | RW | US);
        for (int i = 0; i < 1024; i++) {
            rig.cpu.mem.write32(TABLE + 4 * i, i << 12 | P | RW | US);
        }
        rig.cpu.cr3 = DIRECTORY;
        rig.cpu.cr0 |= Cpu.CR0_PG | Cpu.CR0_PE;
        rig.cpu.paging.flush();
        return b;
    }

    public int pteAddress(int lin) {
        return TABLE + (lin >>> 12 & 0x3FF) * 4;
    }

    public int pte(int lin) {
        return cpu.mem.read32(pteAddress(lin));
    }

    /** Sets the flag bits (low 12) of the PTE mapping {@code lin}, keeping its frame. */
    public PageTableBuilder flags(int lin, int flags) {
        int a = pteAddress(lin);
        cpu.mem.write32(a, cpu.mem.read32(a) & 0xFFFFF000 | flags);
        cpu.paging.flush();
        return this;
    }

    /** Maps {@code lin}'s page to another physical frame. */
    public PageTableBuilder map(int lin, int phys, int flags) {
        cpu.mem.write32(pteAddress(lin), phys & 0xFFFFF000 | flags);
        cpu.paging.flush();
        return this;
    }

    public PageTableBuilder unmap(int lin) {
        return flags(lin, 0);
    }

    public int pde() {
        return cpu.mem.read32(DIRECTORY);
    }

    public PageTableBuilder pdeFlags(int flags) {
        cpu.mem.write32(DIRECTORY, TABLE | flags);
        cpu.paging.flush();
        return this;
    }
}
