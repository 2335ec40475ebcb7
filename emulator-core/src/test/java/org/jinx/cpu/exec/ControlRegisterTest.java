package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.PageTableBuilder;
import org.junit.jupiter.api.Test;

/** MOV to and from CR0/CR2/CR3, DRn and TRn; LMSW, SMSW, CLTS, HLT. */
class ControlRegisterTest {
    @Test
    void movCr0RoundTripKeepsImplementedBits() {
        CpuRig rig = CpuRig.flat32();
        rig.set(Cpu.EAX, 0x7FFFFFFF); // everything but PG
        rig.code(0x0F, 0x22, 0xC0, 0x0F, 0x20, 0xC3).step(2); // MOV CR0,EAX ; MOV EBX,CR0
        assertThat(rig.reg(Cpu.EBX)).isEqualTo(Cpu.CR0_PE | Cpu.CR0_MP | Cpu.CR0_EM | Cpu.CR0_TS | Cpu.CR0_ET);
    }

    @Test
    void pagingWithoutProtectionIsGpZero() {
        CpuRig rig = CpuRig.real();
        rig.set(Cpu.EAX, Cpu.CR0_PG);
        rig.cpu.mem.write16(Exceptions.GP * 4, 0x0300);
        rig.code(0x0F, 0x22, 0xC0).step(1);
        assertThat(rig.cpu.eip).isEqualTo(0x300);
        assertThat(rig.cpu.cr0 & Cpu.CR0_PG).isZero();
    }

    @Test
    void movCr2AndCr3() {
        CpuRig rig = CpuRig.flat32();
        rig.set(Cpu.EAX, 0xDEADB000).set(Cpu.ECX, 0x00123FFF);
        // MOV CR2,EAX ; MOV CR3,ECX ; MOV EDX,CR2 ; MOV EBX,CR3
        rig.code(0x0F, 0x22, 0xD0, 0x0F, 0x22, 0xD9, 0x0F, 0x20, 0xD2, 0x0F, 0x20, 0xDB).step(4);
        assertThat(rig.reg(Cpu.EDX)).isEqualTo(0xDEADB000);
        assertThat(rig.reg(Cpu.EBX)).isEqualTo(0x00123000);
    }

    @Test
    void cr1AndCr4AreUndefined() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder.standard(rig).interruptGate(Exceptions.UD, 0x3000, 0);
        rig.code(0x0F, 0x22, 0xE0).step(1); // MOV CR4,EAX
        assertThat(rig.cpu.eip).isEqualTo(0x3000);
    }

    @Test
    void cr3LoadFlushesTlb() {
        CpuRig rig = CpuRig.flat32();
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        int lin = 0x150000;
        rig.cpu.mem.write32(0x150000, 0x11111111);
        rig.cpu.mem.write32(0x160000, 0x22222222);
        assertThat(rig.cpu.read32(Cpu.DS, lin)).isEqualTo(0x11111111);
        // Remap without telling the TLB: the stale translation is still used.
        rig.cpu.mem.write32(pages.pteAddress(lin), 0x160000 | PageTableBuilder.P | PageTableBuilder.RW);
        assertThat(rig.cpu.read32(Cpu.DS, lin)).isEqualTo(0x11111111);
        rig.set(Cpu.EAX, PageTableBuilder.DIRECTORY);
        rig.code(0x0F, 0x22, 0xD8).step(1); // MOV CR3,EAX
        assertThat(rig.cpu.read32(Cpu.DS, lin)).isEqualTo(0x22222222);
    }

    @Test
    void lmswSetsLowBitsButCannotClearPe() {
        CpuRig rig = CpuRig.flat32();
        rig.set(Cpu.EAX, 0xFFF0 | Cpu.CR0_TS | Cpu.CR0_MP); // PE = 0 in the operand
        rig.code(0x0F, 0x01, 0xF0).step(1); // LMSW AX
        assertThat(rig.cpu.cr0 & 0xF).isEqualTo(Cpu.CR0_PE | Cpu.CR0_TS | Cpu.CR0_MP);
        assertThat(rig.cpu.cr0 & Cpu.CR0_ET).isEqualTo(Cpu.CR0_ET);
    }

    @Test
    void lmswCanEnterProtectedMode() {
        CpuRig rig = CpuRig.real();
        rig.set(Cpu.EAX, 1);
        rig.code(0x0F, 0x01, 0xF0).step(1);
        assertThat(rig.cpu.protectedMode()).isTrue();
        assertThat(rig.cpu.cpl).isZero();
    }

    @Test
    void smswStoresLowWordOfCr0AndWorksAtCpl3() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder.standard(rig).ring3(0x7000);
        rig.cpu.cr0 |= Cpu.CR0_TS;
        rig.set(Cpu.EAX, 0xFFFFFFFF);
        rig.code(0x0F, 0x01, 0xE0).step(1); // SMSW AX
        assertThat(rig.reg(Cpu.EAX) & 0xFFFF).isEqualTo(rig.cpu.cr0 & 0xFFFF);
    }

    @Test
    void cltsClearsTaskSwitched() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.cr0 |= Cpu.CR0_TS;
        rig.code(0x0F, 0x06).step(1);
        assertThat(rig.cpu.cr0 & Cpu.CR0_TS).isZero();
    }

    @Test
    void privilegedInstructionsAtCpl3AreGpZero() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        gdt.ring3(0x7000);
        rig.cpu.cr0 |= Cpu.CR0_TS;
        rig.code(0x0F, 0x06).step(1);
        assertThat(rig.cpu.eip).isEqualTo(0x3100);
        assertThat(rig.cpu.cr0 & Cpu.CR0_TS).isNotZero();
        assertThat(rig.cpu.mem.read32(rig.cpu.reg[Cpu.ESP])).isZero();
    }

    @Test
    void hltStopsTheCpuAfterTheInstruction() {
        CpuRig rig = CpuRig.flat32();
        rig.code(0xF4).step(1);
        assertThat(rig.cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(rig.cpu.eip).isEqualTo(CpuRig.CODE + 1);
    }

    @Test
    void debugRegistersHoldValuesAndDr7EnablesChecking() {
        CpuRig rig = CpuRig.flat32();
        rig.set(Cpu.EAX, 0x4000).set(Cpu.ECX, 0x1);
        // MOV DR0,EAX ; MOV DR7,ECX ; MOV EDX,DR0
        rig.code(0x0F, 0x23, 0xC0, 0x0F, 0x23, 0xF9, 0x0F, 0x21, 0xC2).step(3);
        assertThat(rig.cpu.dr[0]).isEqualTo(0x4000);
        assertThat(rig.reg(Cpu.EDX)).isEqualTo(0x4000);
        assertThat(rig.cpu.debugActive).isTrue();
    }

    @Test
    void testRegistersSixAndSevenHoldValuesOthersAreUndefined() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder.standard(rig).interruptGate(Exceptions.UD, 0x3000, 0);
        rig.set(Cpu.EAX, 0x12345678);
        // MOV TR6,EAX ; MOV EBX,TR6 ; MOV TR5,EAX
        rig.code(0x0F, 0x26, 0xF0, 0x0F, 0x24, 0xF3, 0x0F, 0x26, 0xE8).step(3);
        assertThat(rig.reg(Cpu.EBX)).isEqualTo(0x12345678);
        assertThat(rig.cpu.eip).isEqualTo(0x3000);
    }

    @Test
    void movCrIgnoresModAndAlwaysUsesRegister() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.cr2 = 0xCAFE0000;
        rig.code(0x0F, 0x20, 0x11).step(1); // mod = 0 encodes the register form anyway
        assertThat(rig.reg(Cpu.ECX)).isEqualTo(0xCAFE0000);
        assertThat(rig.cpu.eip).isEqualTo(CpuRig.CODE + 3);
    }

    @Test
    void clearingPagingFlushesTlb() {
        CpuRig rig = CpuRig.flat32();
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        pages.map(0x150000, 0x160000, PageTableBuilder.P | PageTableBuilder.RW);
        rig.cpu.mem.write32(0x150000, 0x1);
        rig.cpu.mem.write32(0x160000, 0x2);
        assertThat(rig.cpu.read32(Cpu.DS, 0x150000)).isEqualTo(2);
        rig.set(Cpu.EAX, rig.cpu.cr0 & ~Cpu.CR0_PG);
        rig.code(0x0F, 0x22, 0xC0).step(1);
        assertThat(rig.cpu.read32(Cpu.DS, 0x150000)).isEqualTo(1);
        CpuFault none = catchThrowableOfType(CpuFault.class, () -> rig.cpu.read32(Cpu.DS, 0x150000));
        assertThat(none).isNull();
    }
}
