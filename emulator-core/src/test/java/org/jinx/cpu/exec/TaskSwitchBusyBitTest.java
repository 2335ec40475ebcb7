package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jinx.cpu.exec.DescriptorBuilder.*;
import static org.jinx.cpu.exec.TaskFixture.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JMP, CALL and IRET task switches: the state saved in the old TSS and loaded from the new one,
 * the busy bits, NT and the back link (SDM "Task Switching", "Task Linking").
 */
class TaskSwitchBusyBitTest {
    private TaskFixture t;
    private Cpu cpu;

    @BeforeEach
    void setUp() {
        t = new TaskFixture();
        cpu = t.cpu;
        cpu.reg[Cpu.EAX] = 0x11111111;
        cpu.reg[Cpu.ESI] = 0x66666666;
    }

    private static int[] far(int opcode, int sel) {
        return new int[] {opcode, 0, 0, 0, 0, sel & 0xFF, sel >>> 8};
    }

    @Test
    void jmpToTssLoadsNewTaskAndSavesOldOne() {
        t.rig.code(far(0xEA, SEL_B)).step(1);
        assertThat(cpu.tr.selector).isEqualTo(SEL_B);
        assertThat(cpu.eip).isEqualTo(EIP_B);
        assertThat(cpu.reg).containsExactly(REGS_B);
        assertThat(cpu.cf()).isTrue();
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(CODE0);
        assertThat(cpu.cr0 & Cpu.CR0_TS).isNotZero();
        // The old task's state, with EIP after the JMP.
        assertThat(t.field(TSS, 0x20)).isEqualTo(CpuRig.CODE + 7);
        assertThat(t.field(TSS, 0x28)).isEqualTo(0x11111111);
        assertThat(t.field(TSS, 0x40)).isEqualTo(0x66666666);
        assertThat(t.field(TSS, 0x4C) & 0xFFFF).isEqualTo(CODE0);
    }

    @Test
    void jmpClearsOldBusyBitSetsNewAndLeavesNtAndLinkAlone() {
        t.cpu.mem.write32(TSS_B, 0xBEEF);
        t.rig.code(far(0xEA, SEL_B)).step(1);
        assertThat(t.gdt.access(TSS_SEL)).isEqualTo(0x89);
        assertThat(t.gdt.access(SEL_B)).isEqualTo(0x8B);
        assertThat(cpu.getEflags() & Cpu.NT).isZero();
        assertThat(t.field(TSS_B, 0) & 0xFFFF).isEqualTo(0xBEEF);
    }

    @Test
    void callNestsTaskWithBackLinkAndNt() {
        t.rig.code(far(0x9A, SEL_B)).step(1);
        assertThat(t.gdt.access(TSS_SEL)).isEqualTo(0x8B);
        assertThat(t.gdt.access(SEL_B)).isEqualTo(0x8B);
        assertThat(cpu.getEflags() & Cpu.NT).isEqualTo(Cpu.NT);
        assertThat(t.field(TSS_B, 0) & 0xFFFF).isEqualTo(TSS_SEL);
    }

    @Test
    void iretWithNtReturnsToLinkedTask() {
        t.gdt.bytes(EIP_B, 0xCF); // IRETD in task B
        t.rig.code(far(0x9A, SEL_B)).step(2);
        assertThat(cpu.tr.selector).isEqualTo(TSS_SEL);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 7);
        assertThat(cpu.reg[Cpu.EAX]).isEqualTo(0x11111111);
        assertThat(cpu.reg[Cpu.ESI]).isEqualTo(0x66666666);
        // IRET frees task B and leaves the caller busy; B's saved EFLAGS has NT clear.
        assertThat(t.gdt.access(SEL_B)).isEqualTo(0x89);
        assertThat(t.gdt.access(TSS_SEL)).isEqualTo(0x8B);
        assertThat(t.field(TSS_B, 0x24) & Cpu.NT).isZero();
        assertThat(t.field(TSS_B, 0x20)).isEqualTo(EIP_B + 1);
    }

    @Test
    void jmpToBusyTssIsGp() {
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.jump(cpu, TSS_SEL, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(TSS_SEL);
    }

    @Test
    void iretToTaskThatIsNotBusyIsTs() {
        cpu.setEflags(cpu.getEflags() | Cpu.NT);
        cpu.mem.write16(TSS, SEL_B); // back link to an available TSS
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarReturn.iret(cpu, 4));
        assertThat(f.vector).isEqualTo(Exceptions.TS);
        assertThat(f.errorCode).isEqualTo(SEL_B);
    }

    @Test
    void jmpThroughTaskGate() {
        t.rig.code(far(0xEA, GATE_B)).step(1);
        assertThat(cpu.tr.selector).isEqualTo(SEL_B);
        assertThat(cpu.eip).isEqualTo(EIP_B);
    }

    @Test
    void taskGateDplBelowCplIsGp() {
        t.gdt.ring3(0x7000);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.jump(cpu, GATE_B | 3, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(GATE_B);
    }

    @Test
    void tssLimitBelowMinimumIsTsBeforeAnythingChanges() {
        t.gdt.set(SEL_B, tss32(TSS_B, 0x50, false));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.jump(cpu, SEL_B, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.TS);
        assertThat(f.errorCode).isEqualTo(SEL_B);
        assertThat(cpu.tr.selector).isEqualTo(TSS_SEL);
        assertThat(t.gdt.access(TSS_SEL)).isEqualTo(0x8B);
    }

    @Test
    void notPresentTssIsNp() {
        t.gdt.set(SEL_B, notPresent(tss32(TSS_B, 0x67, false)));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.jump(cpu, SEL_B, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.NP);
        assertThat(f.errorCode).isEqualTo(SEL_B);
    }

    @Test
    void switchTo286Tss() {
        int base = 0x25000;
        t.gdt.set(0x50, tss16(base, 0x2B, false));
        cpu.mem.write16(base + 0x0E, 0x1234); // IP
        cpu.mem.write16(base + 0x10, Cpu.ZF | 2); // FLAGS
        cpu.mem.write16(base + 0x12, 0xAAAA); // AX
        cpu.mem.write16(base + 0x1A, 0x7F00); // SP
        cpu.mem.write16(base + 0x22, DATA0); // ES
        cpu.mem.write16(base + 0x24, CODE16); // CS
        cpu.mem.write16(base + 0x26, DATA0); // SS
        cpu.mem.write16(base + 0x28, DATA0); // DS
        t.rig.code(far(0xEA, 0x50)).step(1);
        assertThat(cpu.eip).isEqualTo(0x1234);
        assertThat(cpu.reg[Cpu.EAX] & 0xFFFF).isEqualTo(0xAAAA);
        assertThat(cpu.zf()).isTrue();
        assertThat(cpu.code32()).isFalse();
        assertThat(t.gdt.access(0x50)).isEqualTo(0x83);
    }
}
