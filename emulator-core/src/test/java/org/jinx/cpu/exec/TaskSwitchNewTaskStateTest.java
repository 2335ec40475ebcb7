package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.DescriptorBuilder.*;
import static org.jinx.cpu.exec.TaskFixture.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.PageTableBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a task switch loads beyond registers (LDTR, CR3, VM, the T bit), interrupts through IDT
 * task gates, and faults after the commit point, which belong to the new task.
 */
class TaskSwitchNewTaskStateTest {
    private TaskFixture t;
    private Cpu cpu;

    @BeforeEach
    void setUp() {
        t = new TaskFixture();
        cpu = t.cpu;
    }

    @Test
    void interruptThroughTaskGateNestsAndSavesReturnAddress() {
        t.gdt.idt(0x30, gate(5, SEL_B, 0, 0));
        t.rig.code(0xCD, 0x30).step(1);
        assertThat(cpu.tr.selector).isEqualTo(SEL_B);
        assertThat(cpu.eip).isEqualTo(EIP_B);
        assertThat(cpu.getEflags() & Cpu.NT).isEqualTo(Cpu.NT);
        assertThat(t.field(TSS_B, 0) & 0xFFFF).isEqualTo(TSS_SEL);
        assertThat(t.field(TSS, 0x20)).isEqualTo(CpuRig.CODE + 2);
    }

    @Test
    void exceptionThroughTaskGatePushesErrorCodeOnNewTaskStack() {
        t.gdt.idt(Exceptions.GP, gate(5, SEL_B, 0, 0));
        t.rig.code(0xEA, 0, 0, 0, 0, DATA0, 0).step(1); // JMP FAR to a data segment: #GP(10h)
        assertThat(cpu.tr.selector).isEqualTo(SEL_B);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(ESP_B - 4);
        assertThat(cpu.mem.read32(ESP_B - 4)).isEqualTo(DATA0);
        // The faulting instruction is what the old task resumes at.
        assertThat(t.field(TSS, 0x20)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void faultLoadingNewTaskSegmentsIsRaisedInNewTask() {
        t.tss32At(TSS_B, EIP_B, 2, DATA0, DATA0, DATA0); // CS names a data segment
        t.gdt.interruptGate(Exceptions.TS, 0x3100, 0);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.tr.selector).isEqualTo(SEL_B);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(DATA0);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP] + 4)).isEqualTo(EIP_B);
        // The old task was saved and released before the fault.
        assertThat(t.gdt.access(TSS_SEL)).isEqualTo(0x89);
    }

    @Test
    void notPresentDataSegmentInNewTaskIsNp() {
        t.gdt.set(0x58, notPresent(segment(0, 0xFFFFF, DATA_ACCESS, true, true)));
        t.tss32At(TSS_B, EIP_B, 2, CODE0, DATA0, 0x58);
        t.gdt.interruptGate(Exceptions.NP, 0x3100, 0);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(0x58);
    }

    @Test
    void ldtIsLoadedFromNewTssAndUsedForItsSegments() {
        t.gdt.set(0x60, ldt(LDT, 0xFF));
        t.gdt.set(0x0C, segment(0x40000, 0xFFFF, DATA_ACCESS, true, false)); // LDT entry 1
        t.tss32At(TSS_B, EIP_B, 2, CODE0, DATA0, 0x0C);
        cpu.mem.write32(TSS_B + 0x60, 0x60);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.ldtr.selector).isEqualTo(0x60);
        assertThat(cpu.seg[Cpu.DS].base).isEqualTo(0x40000);
    }

    @Test
    void cr3IsLoadedFromNewTssAndTlbFlushed() {
        PageTableBuilder pages = PageTableBuilder.identity(t.rig);
        int lin = 0x150000;
        cpu.mem.write32(0x150000, 0x1);
        cpu.mem.write32(0x160000, 0x2);
        assertThat(cpu.read32(Cpu.DS, lin)).isEqualTo(1);
        // Task B's page directory: a copy whose page table maps lin elsewhere.
        int dir = 0x32000;
        int table = 0x33000;
        for (int i = 0; i < 1024; i++) {
            cpu.mem.write32(table + 4 * i, cpu.mem.read32(PageTableBuilder.TABLE + 4 * i));
        }
        cpu.mem.write32(table + (lin >>> 12) * 4, 0x160000 | PageTableBuilder.P | PageTableBuilder.RW);
        cpu.mem.write32(dir, table | PageTableBuilder.P | PageTableBuilder.RW);
        cpu.mem.write32(TSS_B + 0x1C, dir);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.cr3).isEqualTo(dir);
        assertThat(cpu.read32(Cpu.DS, lin)).isEqualTo(2);
        assertThat(pages.pte(lin) & 0xFFFFF000).isEqualTo(lin);
    }

    @Test
    void vmInNewTaskEflagsStartsAV86Task() {
        t.tss32At(TSS_B, 0x0100, Cpu.VM | 2, 0x2000, 0x3000, 0x4000);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.v86()).isTrue();
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.seg[Cpu.CS].base).isEqualTo(0x20000);
        assertThat(cpu.seg[Cpu.SS].base).isEqualTo(0x30000);
        assertThat(cpu.seg[Cpu.DS].base).isEqualTo(0x40000);
        assertThat(cpu.eip).isEqualTo(0x100);
    }

    @Test
    void ring3TaskGetsCplFromItsCodeSelector() {
        t.tss32At(TSS_B, EIP_B, 2, CODE3, DATA3, DATA3);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(DATA3);
    }

    @Test
    void tBitRaisesDebugTrapInNewTask() {
        cpu.mem.write16(TSS_B + 0x64, 1);
        t.gdt.interruptGate(Exceptions.DB, 0x3100, 0);
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.tr.selector).isEqualTo(SEL_B);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(EIP_B);
        assertThat(cpu.dr[6] & 0x8000).isEqualTo(0x8000);
    }

    @Test
    void taskSwitchClearsLocalBreakpointEnables() {
        cpu.dr[7] = 0x0F; // L0 G0 L1 G1
        t.rig.code(0xEA, 0, 0, 0, 0, SEL_B, 0).step(1);
        assertThat(cpu.dr[7] & 0xFF).isEqualTo(0x0A);
    }
}
