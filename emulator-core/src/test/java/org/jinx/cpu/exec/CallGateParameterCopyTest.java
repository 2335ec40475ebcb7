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

/**
 * CALL through a call gate: to a more privileged level with the stack switch and the copy of
 * the gate's parameter count, the return with RETF n, and the gate's privilege checks.
 */
class CallGateParameterCopyTest {
    private static final int GATE32 = 0x40;
    private static final int GATE16 = 0x48;
    private static final int ENTRY = 0x3000;
    private static final int USER_STACK = 0x7000;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.set(GATE32, gate(12, CODE0, ENTRY, 3, 2));
        gdt.set(GATE16, gate(4, CODE0, ENTRY, 3, 3));
        gdt.ring3(USER_STACK);
    }

    /** The caller pushed two dword parameters: 0x11111111 first, then 0x22222222. */
    private void pushParams32() {
        cpu.reg[Cpu.ESP] = USER_STACK - 8;
        cpu.mem.write32(USER_STACK - 4, 0x11111111);
        cpu.mem.write32(USER_STACK - 8, 0x22222222);
    }

    private int inner(int i) {
        return cpu.mem.read32(RING0_STACK - 4 * (i + 1));
    }

    @Test
    void callToInnerLevelSwitchesStackAndCopiesParameters() {
        pushParams32();
        // CALL FAR 0043:00000000 (the offset is ignored for a gate)
        rig.code(0x9A, 0, 0, 0, 0, GATE32 | 3, 0).step(1);
        assertThat(cpu.cpl).isZero();
        assertThat(cpu.eip).isEqualTo(ENTRY);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(DATA0);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(RING0_STACK - 24);
        assertThat(inner(0)).isEqualTo(DATA3);
        assertThat(inner(1)).isEqualTo(USER_STACK - 8);
        assertThat(inner(2)).isEqualTo(0x11111111);
        assertThat(inner(3)).isEqualTo(0x22222222);
        assertThat(inner(4)).isEqualTo(CODE3);
        assertThat(inner(5)).isEqualTo(CpuRig.CODE + 7);
    }

    @Test
    void retfWithImmediateReturnsToCallerAndDropsParametersOnBothStacks() {
        pushParams32();
        gdt.bytes(ENTRY, 0xCA, 0x08, 0x00); // RETF 8
        rig.code(0x9A, 0, 0, 0, 0, GATE32 | 3, 0).step(2);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 7);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(DATA3);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(USER_STACK);
    }

    @Test
    void gate286CopiesWordsAndPushesWordFrame() {
        cpu.reg[Cpu.ESP] = USER_STACK - 6;
        cpu.mem.write16(USER_STACK - 2, 0xAAAA);
        cpu.mem.write16(USER_STACK - 4, 0xBBBB);
        cpu.mem.write16(USER_STACK - 6, 0xCCCC);
        rig.code(0x9A, 0, 0, 0, 0, GATE16 | 3, 0).step(1);
        int sp = cpu.reg[Cpu.ESP];
        assertThat(sp).isEqualTo(RING0_STACK - 2 * 7);
        int[] words = new int[7];
        for (int i = 0; i < 7; i++) {
            words[i] = cpu.mem.read16(sp + 2 * i);
        }
        assertThat(words).containsExactly(CpuRig.CODE + 7, CODE3, 0xCCCC, 0xBBBB, 0xAAAA, USER_STACK - 6, DATA3);
    }

    @Test
    void callGateToSameLevelPushesOnCurrentStack() {
        gdt.set(0x50, gate(12, CODE3, ENTRY, 3, 2));
        rig.code(0x9A, 0, 0, 0, 0, 0x53, 0).step(1);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(USER_STACK - 8);
        assertThat(cpu.mem.read32(USER_STACK - 8)).isEqualTo(CpuRig.CODE + 7);
    }

    @Test
    void jmpThroughGateToMorePrivilegedCodeIsGp() {
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.jump(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(CODE0);
    }

    @Test
    void jmpThroughGateToSameLevelWorks() {
        gdt.set(0x50, gate(12, CODE3, ENTRY, 3, 0));
        rig.code(0xEA, 0, 0, 0, 0, 0x53, 0).step(1);
        assertThat(cpu.eip).isEqualTo(ENTRY);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(USER_STACK);
    }

    @Test
    void gateDplBelowCplIsGpWithGateSelector() {
        gdt.set(GATE32, withDpl(gate(12, CODE0, ENTRY, 0, 2), 0));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(GATE32);
    }

    @Test
    void notPresentGateIsNp() {
        gdt.set(GATE32, notPresent(gate(12, CODE0, ENTRY, 3, 2)));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.NP);
        assertThat(f.errorCode).isEqualTo(GATE32);
    }

    @Test
    void gateToDataSegmentIsGpWithTargetSelector() {
        gdt.set(GATE32, gate(12, DATA0, ENTRY, 3, 0));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(DATA0);
    }

    @Test
    void gateWithNullTargetIsGpZero() {
        gdt.set(GATE32, gate(12, 0, ENTRY, 3, 0));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isZero();
    }

    @Test
    void faultReadingParametersLeavesCallerUntouched() {
        // The caller's stack segment ends right at ESP: the parameters cannot be read.
        gdt.set(0x58, segment(0, (USER_STACK >>> 12) - 1, 0xF2, true, true));
        SegmentLoad.load(cpu, Cpu.SS, 0x5B);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.SS);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(USER_STACK);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(0x5B);
    }

    @Test
    void innerStackSegmentNotWritableIsTs() {
        gdt.set(0x58, segment(0, 0xFFFFF, 0x90, true, true));
        cpu.mem.write32(TSS + 8, 0x58);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, GATE32 | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.TS);
        assertThat(f.errorCode).isEqualTo(0x58);
    }
}
