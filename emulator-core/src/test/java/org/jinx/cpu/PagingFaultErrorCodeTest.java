package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jinx.cpu.PageTableBuilder.*;

import org.jinx.cpu.exec.DescriptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 386 page walk: #PF error codes (P, W/R, U/S), CR2, the combined U/S and R/W rules of the
 * two levels, supervisor writes that ignore R/W, and the accessed and dirty bits.
 */
class PagingFaultErrorCodeTest {
    private static final int LIN = 0x150000;

    private CpuRig rig;
    private Cpu cpu;
    private PageTableBuilder pages;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        pages = PageTableBuilder.identity(rig);
    }

    private CpuFault read(int lin) {
        return catchThrowableOfType(CpuFault.class, () -> cpu.read32(Cpu.DS, lin));
    }

    private CpuFault write(int lin) {
        return catchThrowableOfType(CpuFault.class, () -> cpu.write32(Cpu.DS, lin, 0x12345678));
    }

    private void user() {
        gdt.ring3(0x7000);
    }

    @Test
    void notPresentSupervisorReadIsErrorCodeZeroAndSetsCr2() {
        pages.unmap(LIN);
        CpuFault f = read(LIN + 0x123);
        assertThat(f.vector).isEqualTo(Exceptions.PF);
        assertThat(f.errorCode).isZero();
        assertThat(cpu.cr2).isEqualTo(LIN + 0x123);
    }

    @Test
    void notPresentUserWriteHasWriteAndUserBits() {
        pages.unmap(LIN);
        user();
        assertThat(write(LIN).errorCode).isEqualTo(Paging.PF_W | Paging.PF_U);
    }

    @Test
    void userReadOfSupervisorPageIsProtectionFault() {
        pages.flags(LIN, P | RW);
        user();
        assertThat(read(LIN).errorCode).isEqualTo(Paging.PF_P | Paging.PF_U);
    }

    @Test
    void userWriteToReadOnlyPageIsProtectionFault() {
        pages.flags(LIN, P | US);
        user();
        assertThat(read(LIN)).isNull();
        assertThat(write(LIN).errorCode).isEqualTo(Paging.PF_P | Paging.PF_W | Paging.PF_U);
    }

    @Test
    void supervisorWriteIgnoresReadOnlyOnThe386() {
        pages.flags(LIN, P | US);
        assertThat(write(LIN)).isNull();
        assertThat(cpu.mem.read32(LIN)).isEqualTo(0x12345678);
    }

    @Test
    void directoryEntryRestrictsUserAccessToo() {
        pages.pdeFlags(P | RW); // supervisor-only directory entry over user PTEs
        user();
        assertThat(read(LIN).errorCode).isEqualTo(Paging.PF_P | Paging.PF_U);
        pages.pdeFlags(P | US); // read-only directory entry
        assertThat(read(LIN)).isNull();
        assertThat(write(LIN).errorCode).isEqualTo(Paging.PF_P | Paging.PF_W | Paging.PF_U);
    }

    @Test
    void notPresentDirectoryEntryFaults() {
        pages.pdeFlags(0);
        assertThat(read(LIN).errorCode).isZero();
        assertThat(write(LIN).errorCode).isEqualTo(Paging.PF_W);
    }

    @Test
    void readSetsAccessedButNotDirty() {
        pages.flags(LIN, P | RW | US);
        pages.pdeFlags(P | RW | US);
        read(LIN);
        assertThat(pages.pte(LIN) & (A | D)).isEqualTo(A);
        assertThat(pages.pde() & A).isEqualTo(A);
    }

    @Test
    void firstWriteAfterReadSetsDirtyThroughTheTlb() {
        pages.flags(LIN, P | RW | US);
        read(LIN);
        write(LIN);
        assertThat(pages.pte(LIN) & D).isEqualTo(D);
        assertThat(pages.pde() & D).isZero();
    }

    @Test
    void faultingAccessSetsNoAccessedBit() {
        pages.flags(LIN, P | RW);
        user();
        read(LIN);
        assertThat(pages.pte(LIN) & A).isZero();
    }

    @Test
    void writeCrossingIntoMissingPageLeavesFirstPageUnchanged() {
        pages.unmap(LIN + 0x1000);
        cpu.mem.write32(LIN + 0xFFC, 0);
        CpuFault f = write(LIN + 0xFFE);
        assertThat(f.vector).isEqualTo(Exceptions.PF);
        assertThat(cpu.cr2).isEqualTo(LIN + 0x1000);
        assertThat(cpu.mem.read32(LIN + 0xFFC)).isZero();
    }

    @Test
    void userAndSupervisorTranslationsAreCachedSeparately() {
        pages.flags(LIN, P | RW);
        assertThat(read(LIN)).isNull(); // fills the supervisor TLB entry
        user();
        assertThat(read(LIN).errorCode).isEqualTo(Paging.PF_P | Paging.PF_U);
    }

    @Test
    void pageFaultIsDeliveredWithErrorCodeAndFaultingEip() {
        gdt.interruptGate(Exceptions.PF, 0x3000, 0);
        pages.unmap(LIN);
        // JMP FAR [LIN] reads the pointer from the missing page.
        rig.code(0xFF, 0x2D, 0, 0, LIN >>> 16 & 0xFF, 0).step(1);
        assertThat(cpu.eip).isEqualTo(0x3000);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isZero();
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP] + 4)).isEqualTo(CpuRig.CODE);
        assertThat(cpu.cr2).isEqualTo(LIN);
    }

    @Test
    void instructionFetchFromMissingPageFaultsAtThatAddress() {
        gdt.interruptGate(Exceptions.PF, 0x3000, 0);
        pages.unmap(LIN);
        cpu.eip = LIN + 0x10;
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(0x3000);
        assertThat(cpu.cr2).isEqualTo(LIN + 0x10);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP] + 4)).isEqualTo(LIN + 0x10);
    }
}
