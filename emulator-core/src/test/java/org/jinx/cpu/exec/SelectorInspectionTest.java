package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LAR, LSL, VERR, VERW and ARPL: ZF reports the answer, bad selectors never fault. */
class SelectorInspectionTest {
    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.set(0x40, segment(0x1000, 0x12345, 0xF2, true, false)); // DPL 3 data, byte granular
        gdt.set(0x48, segment(0, 0xFFFFF, 0x98, true, true)); // DPL 0 execute-only code
        gdt.set(0x50, gate(14, CODE0, 0, 0)); // an interrupt gate: invalid for LSL
        gdt.set(0x58, segment(0, 0xFFFFF, 0x9E, true, true)); // DPL 0 conforming readable code
    }

    private void exec(int... bytes) {
        rig.code(bytes).step(1);
    }

    @Test
    void larLoadsMaskedAccessRightsAndSetsZf() {
        rig.set(Cpu.EBX, 0x43).set(Cpu.EAX, 0xFFFFFFFF);
        exec(0x0F, 0x02, 0xC3); // LAR EAX, EBX
        assertThat(cpu.zf()).isTrue();
        assertThat(rig.reg(Cpu.EAX)).isEqualTo(0x0041F200);
    }

    @Test
    void larWith16BitOperandLoadsAccessByteOnly() {
        rig.set(Cpu.EBX, 0x43).set(Cpu.EAX, 0xFFFFFFFF);
        exec(0x66, 0x0F, 0x02, 0xC3);
        assertThat(rig.reg(Cpu.EAX)).isEqualTo(0xFFFFF200);
    }

    @Test
    void larOfSelectorBeyondLimitClearsZfAndLeavesDestination() {
        cpu.setFlag(Cpu.ZF, true);
        rig.set(Cpu.EBX, 0x1000).set(Cpu.EAX, 0x5555);
        exec(0x0F, 0x02, 0xC3);
        assertThat(cpu.zf()).isFalse();
        assertThat(rig.reg(Cpu.EAX)).isEqualTo(0x5555);
    }

    @Test
    void larOfNullSelectorClearsZf() {
        cpu.setFlag(Cpu.ZF, true);
        rig.set(Cpu.EBX, 0);
        exec(0x0F, 0x02, 0xC3);
        assertThat(cpu.zf()).isFalse();
    }

    @Test
    void larHidesMorePrivilegedDescriptorsButNotConformingCode() {
        gdt.ring3(0x7000);
        rig.set(Cpu.EBX, CODE0 | 3);
        exec(0x0F, 0x02, 0xC3);
        assertThat(cpu.zf()).isFalse();
        rig.set(Cpu.EBX, 0x5B);
        exec(0x0F, 0x02, 0xC3);
        assertThat(cpu.zf()).isTrue();
    }

    @Test
    void larAcceptsGatesOnThe386() {
        rig.set(Cpu.EBX, 0x50);
        exec(0x0F, 0x02, 0xC3);
        assertThat(cpu.zf()).isTrue();
        assertThat(rig.reg(Cpu.EAX) & 0xFF00).isEqualTo(0x8E00);
    }

    @Test
    void lslLoadsByteLimitWithGranularityApplied() {
        rig.set(Cpu.EBX, 0x43);
        exec(0x0F, 0x03, 0xC3); // LSL EAX, EBX
        assertThat(cpu.zf()).isTrue();
        assertThat(rig.reg(Cpu.EAX)).isEqualTo(0x12345);
        rig.set(Cpu.EBX, CODE0);
        exec(0x0F, 0x03, 0xC3);
        assertThat(rig.reg(Cpu.EAX)).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void lslOfTssWorksButOfGateFails() {
        rig.set(Cpu.EBX, TSS_SEL);
        exec(0x0F, 0x03, 0xC3);
        assertThat(cpu.zf()).isTrue();
        assertThat(rig.reg(Cpu.EAX)).isEqualTo(0x67);
        rig.set(Cpu.EBX, 0x50);
        exec(0x0F, 0x03, 0xC3);
        assertThat(cpu.zf()).isFalse();
    }

    @Test
    void verrAndVerwTellReadableFromWritable() {
        rig.set(Cpu.EAX, 0x43);
        exec(0x0F, 0x00, 0xE0); // VERR AX
        assertThat(cpu.zf()).isTrue();
        exec(0x0F, 0x00, 0xE8); // VERW AX
        assertThat(cpu.zf()).isTrue();
        rig.set(Cpu.EAX, CODE0);
        exec(0x0F, 0x00, 0xE0);
        assertThat(cpu.zf()).isTrue();
        exec(0x0F, 0x00, 0xE8);
        assertThat(cpu.zf()).isFalse();
        rig.set(Cpu.EAX, 0x48); // execute-only
        exec(0x0F, 0x00, 0xE0);
        assertThat(cpu.zf()).isFalse();
    }

    @Test
    void verwOfMorePrivilegedDataFailsAtCpl3() {
        gdt.ring3(0x7000);
        rig.set(Cpu.EAX, DATA0 | 3);
        exec(0x0F, 0x00, 0xE8);
        assertThat(cpu.zf()).isFalse();
        rig.set(Cpu.EAX, 0x43);
        exec(0x0F, 0x00, 0xE8);
        assertThat(cpu.zf()).isTrue();
    }

    @Test
    void verrOfSystemDescriptorFails() {
        cpu.setFlag(Cpu.ZF, true);
        rig.set(Cpu.EAX, TSS_SEL);
        exec(0x0F, 0x00, 0xE0);
        assertThat(cpu.zf()).isFalse();
    }

    @Test
    void arplRaisesRplAndSetsZf() {
        rig.set(Cpu.EBX, 0x0010).set(Cpu.EAX, 0x0003);
        exec(0x63, 0xC3); // ARPL BX, AX
        assertThat(cpu.zf()).isTrue();
        assertThat(rig.reg(Cpu.EBX)).isEqualTo(0x0013);
        exec(0x63, 0xC3);
        assertThat(cpu.zf()).isFalse();
        assertThat(rig.reg(Cpu.EBX)).isEqualTo(0x0013);
    }

    @Test
    void arplIsInvalidInRealMode() {
        CpuRig r = CpuRig.real();
        r.cpu.mem.write16(Exceptions.UD * 4, 0x0300);
        r.code(0x63, 0xC3).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x300);
    }
}
