package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protected-mode loads of DS/ES/FS/GS and SS: the checks and error codes of SDM "MOV—Move". */
class SegmentLoadChecksTest {
    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
    }

    private CpuFault loadFault(int sreg, int sel) {
        return catchThrowableOfType(CpuFault.class, () -> SegmentLoad.load(cpu, sreg, sel));
    }

    @Test
    void dataLoadFillsCacheFromDescriptorAndSetsAccessedBit() {
        gdt.set(0x40, segment(0x123400, 0x0FFF, 0x92, true, false));
        SegmentLoad.load(cpu, Cpu.DS, 0x40);
        assertThat(cpu.seg[Cpu.DS].base).isEqualTo(0x123400);
        assertThat(cpu.seg[Cpu.DS].limit).isEqualTo(0x0FFF);
        assertThat(cpu.seg[Cpu.DS].selector).isEqualTo(0x40);
        assertThat(gdt.access(0x40)).isEqualTo(0x93);
    }

    @Test
    void nullSelectorLoadsIntoDataRegisterButFaultsOnUse() {
        SegmentLoad.load(cpu, Cpu.ES, 0x0003);
        assertThat(cpu.seg[Cpu.ES].selector).isEqualTo(3);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> cpu.read8(Cpu.ES, 0));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isZero();
    }

    @Test
    void selectorBeyondGdtLimitIsGpWithSelectorRplCleared() {
        cpu.gdtrLimit = 0x3F;
        CpuFault f = loadFault(Cpu.DS, 0x43);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(0x40);
    }

    @Test
    void executeOnlyCodeCannotBeLoadedIntoDataRegister() {
        gdt.set(0x40, segment(0, 0xFFFFF, 0x98, true, true));
        CpuFault f = loadFault(Cpu.FS, 0x40);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(0x40);
    }

    @Test
    void readableCodeCanBeLoadedIntoDataRegister() {
        SegmentLoad.load(cpu, Cpu.GS, CODE0);
        assertThat(cpu.seg[Cpu.GS].readable).isTrue();
        assertThat(cpu.seg[Cpu.GS].writable).isFalse();
    }

    @Test
    void systemDescriptorIsNotData() {
        CpuFault f = loadFault(Cpu.DS, TSS_SEL);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(TSS_SEL);
    }

    @Test
    void dataDplBelowRplIsGp() {
        // Ring-0 data through a selector with RPL 3, at CPL 0.
        CpuFault f = loadFault(Cpu.DS, DATA0 | 3);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(DATA0);
    }

    @Test
    void dataDplBelowCplIsGp() {
        gdt.ring3(0x7000);
        CpuFault f = loadFault(Cpu.DS, DATA0 | 3);
        assertThat(f.errorCode).isEqualTo(DATA0);
        f = loadFault(Cpu.DS, DATA0);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
    }

    @Test
    void conformingCodeLoadsAtAnyPrivilege() {
        gdt.set(0x40, segment(0, 0xFFFFF, 0x9E, true, true)); // DPL 0 conforming readable
        gdt.ring3(0x7000);
        SegmentLoad.load(cpu, Cpu.DS, 0x43);
        assertThat(cpu.seg[Cpu.DS].selector).isEqualTo(0x43);
    }

    @Test
    void notPresentDataIsNpWithSelector() {
        gdt.set(0x40, notPresent(segment(0, 0xFFFFF, 0x92, true, true)));
        CpuFault f = loadFault(Cpu.DS, 0x40);
        assertThat(f.vector).isEqualTo(Exceptions.NP);
        assertThat(f.errorCode).isEqualTo(0x40);
    }

    @Test
    void faultingLoadLeavesRegisterUnchanged() {
        gdt.set(0x40, notPresent(segment(0, 0xFFFFF, 0x92, true, true)));
        loadFault(Cpu.DS, 0x40);
        assertThat(cpu.seg[Cpu.DS].selector).isEqualTo(0x10);
        assertThat(cpu.seg[Cpu.DS].valid).isTrue();
    }

    @Test
    void nullStackSelectorIsGpZero() {
        CpuFault f = loadFault(Cpu.SS, 0);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isZero();
    }

    @Test
    void stackMustBeWritableDataAtCpl() {
        assertThat(loadFault(Cpu.SS, CODE0).errorCode).isEqualTo(CODE0);
        // Read-only data.
        gdt.set(0x40, segment(0, 0xFFFFF, 0x90, true, true));
        assertThat(loadFault(Cpu.SS, 0x40).vector).isEqualTo(Exceptions.GP);
        // DPL 3 data at CPL 0.
        assertThat(loadFault(Cpu.SS, DATA3).errorCode).isEqualTo(DATA3 & ~3);
        // RPL different from CPL.
        assertThat(loadFault(Cpu.SS, DATA0 | 1).errorCode).isEqualTo(DATA0);
    }

    @Test
    void notPresentStackIsSsFault() {
        gdt.set(0x40, notPresent(segment(0, 0xFFFFF, 0x92, true, true)));
        CpuFault f = loadFault(Cpu.SS, 0x40);
        assertThat(f.vector).isEqualTo(Exceptions.SS);
        assertThat(f.errorCode).isEqualTo(0x40);
    }

    @Test
    void stackLoadTakesBigBitFromDescriptor() {
        gdt.set(0x40, segment(0x50000, 0xFFFF, 0x92, false, false));
        SegmentLoad.load(cpu, Cpu.SS, 0x40);
        assertThat(cpu.stack32()).isFalse();
        assertThat(cpu.seg[Cpu.SS].base).isEqualTo(0x50000);
    }

    @Test
    void localDescriptorTableSelectorReadsFromLdt() {
        gdt.set(0x48, ldt(LDT, 0xFF)).ldtr(0x48);
        gdt.set(0x0C, segment(0x4000, 0xFFF, 0x92, true, false)); // LDT entry 1
        SegmentLoad.load(cpu, Cpu.ES, 0x0C);
        assertThat(cpu.seg[Cpu.ES].base).isEqualTo(0x4000);
        // Beyond the LDT's limit.
        assertThat(loadFault(Cpu.ES, 0x104).errorCode).isEqualTo(0x104);
    }

    @Test
    void localSelectorWithNullLdtIsGp() {
        cpu.ldtr.loadNull(0);
        CpuFault f = loadFault(Cpu.ES, 0x0C);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(0x0C);
    }

    @Test
    void expandDownDataSegmentValidRangeIsAboveLimit() {
        gdt.set(0x40, segment(0, 0x0FFF, 0x96, true, false)); // expand-down, writable, big
        SegmentLoad.load(cpu, Cpu.DS, 0x40);
        assertThat(catchThrowableOfType(CpuFault.class, () -> cpu.read8(Cpu.DS, 0x0FFF))).isNotNull();
        cpu.write8(Cpu.DS, 0x1000, 0x5A);
        assertThat(cpu.mem.read8(0x1000)).isEqualTo(0x5A);
    }

    @Test
    void realModeLoadShiftsSelector() {
        CpuRig r = CpuRig.real();
        SegmentLoad.load(r.cpu, Cpu.DS, 0x1234);
        assertThat(r.cpu.seg[Cpu.DS].base).isEqualTo(0x12340);
    }

    @Test
    void v86LoadShiftsSelectorWithDpl3Data() {
        cpu.setEflags(cpu.getEflags() | Cpu.VM);
        SegmentLoad.load(cpu, Cpu.SS, 0x2000);
        assertThat(cpu.seg[Cpu.SS].base).isEqualTo(0x20000);
        assertThat(cpu.seg[Cpu.SS].limit).isEqualTo(0xFFFF);
        assertThat(cpu.seg[Cpu.SS].dpl()).isEqualTo(3);
    }
}
