package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jinx.cpu.PageTableBuilder.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host kernel's context switch with {@link Paging#switchSpace}: each address space keeps its
 * own TLB, so the same linear address reads each space's own page, a space entered again is
 * not walked again, and whatever the guest does to the TLB (MOV CR3) or a flush by the host
 * still drops every cached translation, so a changed PTE is seen.
 */
class PagingSpaceSwitchTest {
    private static final int LIN = 0x150000;
    private static final int FRAME_A = 0x150000;
    private static final int FRAME_B = 0x160000;
    /** Space B: its own directory and table, identity but for LIN. */
    private static final int DIRECTORY_B = 0x40000;
    private static final int TABLE_B = 0x41000;

    private CpuRig rig;
    private Cpu cpu;
    private PageTableBuilder pages;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        pages = PageTableBuilder.identity(rig);
        cpu.mem.write32(DIRECTORY_B, TABLE_B | P | RW | US);
        for (int i = 0; i < 1024; i++) {
            cpu.mem.write32(TABLE_B + 4 * i, i << 12 | P | RW | US);
        }
        cpu.mem.write32(TABLE_B + (LIN >>> 12 & 0x3FF) * 4, FRAME_B | P | RW | US);
        cpu.mem.write32(FRAME_A, 0xAAAA_AAAA);
        cpu.mem.write32(FRAME_B, 0xBBBB_BBBB);
    }

    private int read() {
        return cpu.read32(Cpu.DS, LIN);
    }

    @Test
    void sameLinearAddressReadsEachSpacesOwnPage() {
        assertThat(read()).isEqualTo(0xAAAA_AAAA);
        cpu.paging.switchSpace(DIRECTORY_B);
        assertThat(cpu.cr3).isEqualTo(DIRECTORY_B);
        assertThat(read()).isEqualTo(0xBBBB_BBBB);
        cpu.paging.switchSpace(DIRECTORY);
        assertThat(read()).isEqualTo(0xAAAA_AAAA);
        cpu.paging.switchSpace(DIRECTORY_B);
        assertThat(read()).isEqualTo(0xBBBB_BBBB);
    }

    @Test
    void writesGoToEachSpacesOwnPage() {
        cpu.write32(Cpu.DS, LIN, 0x1111_1111);
        cpu.paging.switchSpace(DIRECTORY_B);
        cpu.write32(Cpu.DS, LIN, 0x2222_2222);
        cpu.paging.switchSpace(DIRECTORY);
        assertThat(cpu.mem.read32(FRAME_A)).isEqualTo(0x1111_1111);
        assertThat(cpu.mem.read32(FRAME_B)).isEqualTo(0x2222_2222);
    }

    @Test
    void spaceEnteredAgainKeepsItsTranslationsAndItsEpoch() {
        read();
        int epochA = cpu.paging.epoch;
        cpu.paging.switchSpace(DIRECTORY_B);
        read();
        assertThat(cpu.paging.epoch).isNotEqualTo(epochA);
        cpu.paging.switchSpace(DIRECTORY);
        long walks = cpu.paging.walks;
        assertThat(read()).isEqualTo(0xAAAA_AAAA);
        assertThat(cpu.paging.walks).isEqualTo(walks);
        assertThat(cpu.paging.epoch).isEqualTo(epochA);
    }

    @Test
    void guestMovCr3FlushesAfterThePteChanged() {
        // MOV CR3, EAX (0F 22 D8) reloading the same directory, then MOV EAX, [LIN].
        rig.code(0x0F, 0x22, 0xD8, 0xA1).code(LIN & 0xFF, LIN >>> 8 & 0xFF, LIN >>> 16 & 0xFF, LIN >>> 24);
        cpu.paging.switchSpace(DIRECTORY_B);
        read();
        cpu.paging.switchSpace(DIRECTORY);
        read(); // both spaces now hold LIN
        cpu.mem.write32(pages.pteAddress(LIN), FRAME_A | RW | US); // not present, no flush yet
        rig.set(Cpu.EAX, DIRECTORY).step(1);
        CpuFault f = catchThrowableOfType(CpuFault.class, this::read);
        assertThat(f).isNotNull();
        assertThat(f.vector).isEqualTo(Exceptions.PF);
        assertThat(cpu.cr2).isEqualTo(LIN);
    }

    @Test
    void guestMovCr3DropsTheOtherSpacesToo() {
        cpu.paging.switchSpace(DIRECTORY_B);
        read();
        cpu.paging.switchSpace(DIRECTORY);
        cpu.mem.write32(TABLE_B + (LIN >>> 12 & 0x3FF) * 4, FRAME_A | P | RW | US); // B now maps A's frame
        rig.code(0x0F, 0x22, 0xD8).set(Cpu.EAX, DIRECTORY).step(1);
        cpu.paging.switchSpace(DIRECTORY_B);
        assertThat(read()).isEqualTo(0xAAAA_AAAA);
    }

    @Test
    void hostFlushDropsEveryCachedSpace() {
        cpu.paging.switchSpace(DIRECTORY_B);
        read();
        cpu.paging.switchSpace(DIRECTORY);
        read();
        cpu.mem.write32(TABLE_B + (LIN >>> 12 & 0x3FF) * 4, FRAME_B | RW | US); // not present in B
        cpu.paging.flush();
        cpu.paging.switchSpace(DIRECTORY_B);
        assertThat(catchThrowableOfType(CpuFault.class, this::read)).isNotNull();
    }

    @Test
    void moreSpacesThanTheCacheHoldsStillTranslateCorrectly() {
        // Spaces C0..Cn share space B's table but each maps LIN to its own frame through its
        // own directory and table; cycling through more of them than are cached evicts some.
        int n = Paging.SPACES + 3;
        for (int k = 0; k < n; k++) {
            int dir = 0x50000 + k * 0x2000;
            int table = dir + 0x1000;
            cpu.mem.write32(dir, table | P | RW | US);
            for (int i = 0; i < 1024; i++) {
                cpu.mem.write32(table + 4 * i, i << 12 | P | RW | US);
            }
            int frame = 0x100000 + k * 0x1000;
            cpu.mem.write32(table + (LIN >>> 12 & 0x3FF) * 4, frame | P | RW | US);
            cpu.mem.write32(frame + 4, 0xC000 + k);
        }
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < n; k++) {
                cpu.paging.switchSpace(0x50000 + k * 0x2000);
                assertThat(cpu.read32(Cpu.DS, LIN + 4)).isEqualTo(0xC000 + k);
            }
        }
    }
}
