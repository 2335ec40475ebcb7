package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.exec.DescriptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debug exceptions: instruction breakpoints (faults, suppressed once by RF), data breakpoints
 * and single step (traps after the instruction), and INT1. DR7 layout per the 386 manual:
 * L0/G0 in bits 0-1, RW0 in bits 16-17, LEN0 in bits 18-19, and so on for DR1-DR3.
 */
class DebugRegisterBreakpointTest {
    private static final int DB_HANDLER = 0x3000;
    private static final int M = CpuRig.DATA;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.DB, DB_HANDLER, 0);
        gdt.bytes(DB_HANDLER, 0xCF); // IRETD
        cpu.dr[6] = 0xFFFF0FF0;
    }

    private void breakpoint(int n, int addr, int rw, int len) {
        cpu.dr[n] = addr;
        cpu.dr[7] |= 1 << (2 * n) | rw << (16 + 4 * n) | len << (18 + 4 * n);
        DebugRegisters.update(cpu);
    }

    private int stack(int i) {
        return cpu.mem.read32(cpu.reg[Cpu.ESP] + 4 * i);
    }

    @Test
    void instructionBreakpointFaultsBeforeTheInstruction() {
        cpu.cr0 |= Cpu.CR0_TS;
        breakpoint(0, CpuRig.CODE, 0, 0);
        rig.code(0x0F, 0x06).step(1); // CLTS
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE);
        assertThat(cpu.dr[6] & 0xF).isEqualTo(1);
        assertThat(cpu.cr0 & Cpu.CR0_TS).isNotZero();
    }

    @Test
    void returningWithRfSetRunsTheInstructionOnce() {
        cpu.cr0 |= Cpu.CR0_TS;
        breakpoint(0, CpuRig.CODE, 0, 0);
        rig.code(0x0F, 0x06).step(1);
        cpu.mem.write32(cpu.reg[Cpu.ESP] + 8, stack(2) | Cpu.RF); // the debugger sets RF in the image
        rig.step(1); // IRETD
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE);
        assertThat(cpu.getEflags() & Cpu.RF).isEqualTo(Cpu.RF);
        rig.step(1); // CLTS runs despite the breakpoint
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 2);
        assertThat(cpu.cr0 & Cpu.CR0_TS).isZero();
        assertThat(cpu.getEflags() & Cpu.RF).isZero();
    }

    @Test
    void returningWithoutRfHitsTheBreakpointAgain() {
        breakpoint(0, CpuRig.CODE, 0, 0);
        rig.code(0x0F, 0x06).step(2);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
    }

    @Test
    void dataWriteBreakpointTrapsAfterTheInstruction() {
        breakpoint(1, M + 4, 1, 3); // write, 4 bytes
        // SGDT [M] writes bytes M..M+5
        rig.code(0x0F, 0x01, 0x05, M & 0xFF, M >>> 8 & 0xFF, 0, 0).step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 7);
        assertThat(cpu.dr[6] & 0xF).isEqualTo(2);
        assertThat(cpu.mem.read16(M)).isEqualTo(cpu.gdtrLimit);
    }

    @Test
    void writeOnlyBreakpointIgnoresReads() {
        breakpoint(1, M, 1, 3);
        cpu.mem.write16(M, 0xFFF);
        cpu.mem.write32(M + 2, DescriptorBuilder.GDT); // LGDT reloads the same GDT
        rig.code(0x0F, 0x01, 0x15, M & 0xFF, M >>> 8 & 0xFF, 0, 0).step(1); // LGDT [M] reads
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 7);
    }

    @Test
    void readWriteBreakpointCatchesReads() {
        breakpoint(2, M + 2, 3, 1); // read or write, 2 bytes
        cpu.mem.write16(M, 0xFFF);
        cpu.mem.write32(M + 2, DescriptorBuilder.GDT); // LGDT reloads the same GDT
        rig.code(0x0F, 0x01, 0x15, M & 0xFF, M >>> 8 & 0xFF, 0, 0).step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(cpu.dr[6] & 0xF).isEqualTo(4);
    }

    @Test
    void singleStepTrapsAfterEachInstructionWithBs() {
        cpu.setFlag(Cpu.TF, true);
        rig.code(0x0F, 0x06, 0x0F, 0x06).step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 2);
        assertThat(stack(2) & Cpu.TF).isEqualTo(Cpu.TF);
        assertThat(cpu.tf()).isFalse(); // the handler itself is not stepped
        assertThat(cpu.dr[6] & DebugRegisters.DR6_BS).isNotZero();
        rig.step(1); // IRETD restores TF
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 2);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 4);
    }

    @Test
    void instructionThatSetsTfIsNotTrappedItself() {
        int sp = cpu.reg[Cpu.ESP] - 12;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, DescriptorBuilder.CODE0);
        cpu.mem.write32(sp + 8, Cpu.TF | 2);
        cpu.reg[Cpu.ESP] = sp;
        gdt.bytes(0x4000, 0x0F, 0x06);
        rig.code(0xCF).step(1); // IRETD sets TF
        assertThat(cpu.eip).isEqualTo(0x4000);
        rig.step(1); // CLTS runs and then traps
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(stack(0)).isEqualTo(0x4002);
    }

    @Test
    void int1IsDebugTrapWithoutGateDplCheck() {
        gdt.ring3(0x7000);
        rig.code(0xF1).step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(cpu.cpl).isZero();
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 1);
    }

    @Test
    void faultingInstructionDoesNotReportItsDataBreakpoint() {
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        gdt.bytes(0x3100, 0xF4); // HLT
        breakpoint(1, M, 3, 3);
        // JMP FAR [M] reads the pointer (hitting the breakpoint), then faults on the null selector.
        rig.code(0xFF, 0x2D, M & 0xFF, M >>> 8 & 0xFF, 0, 0).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        rig.step(1); // HLT completes with no #DB
        assertThat(cpu.state).isEqualTo(Cpu.State.HALTED);
        assertThat(cpu.eip).isEqualTo(0x3101);
    }
}
