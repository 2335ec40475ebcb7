package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.PageTableBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDM's table "Conditions for Generating a Double Fault": contributory after contributory
 * and contributory or #PF after #PF give #DF (error code 0); other pairs are handled serially.
 */
class DoubleFaultTest {
    private static final int DF_HANDLER = 0x3800;
    private static final int PF_HANDLER = 0x3900;
    private static final int GP_HANDLER = 0x3A00;
    /** A DPL-0 conforming code segment: its handlers run at the interrupted level, on its stack. */
    private static final int CONFORMING = 0x40;
    private static final int USER_STACK = 0x7000;
    /** A linear address whose page the tests leave unmapped. */
    private static final int HOLE = 0x180000;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.set(CONFORMING, segment(0, 0xFFFFF, 0x9E, true, true));
        gdt.idt(Exceptions.DF, gate(14, CONFORMING, DF_HANDLER, 0));
    }

    private int stack(int i) {
        return cpu.mem.read32(cpu.reg[Cpu.ESP] + 4 * i);
    }

    @Test
    void contributoryDuringContributoryDeliveryIsDoubleFault() {
        gdt.idt(Exceptions.GP, notPresent(gate(14, CODE0, GP_HANDLER, 0)));
        rig.code(0xEA, 0, 0, 0, 0, DATA0, 0x00).step(1); // JMP FAR to data: #GP, then #NP
        assertThat(cpu.eip).isEqualTo(DF_HANDLER);
        assertThat(stack(0)).isZero();
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
        assertThat(cpu.state).isEqualTo(Cpu.State.RUNNING);
    }

    @Test
    void benignFaultFollowedByContributoryIsDeliveredSerially() {
        gdt.idt(Exceptions.UD, notPresent(gate(14, CODE0, GP_HANDLER, 0)));
        gdt.interruptGate(Exceptions.NP, GP_HANDLER, 0);
        rig.code(0x0F, 0xFF).step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(stack(0)).isEqualTo(Exceptions.UD * 8 + 2 + 1);
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void pageFaultDuringPageFaultDeliveryIsDoubleFault() {
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        pages.unmap(HOLE);
        pages.unmap(RING0_STACK - 4); // the ring-0 stack the #PF handler would switch to
        gdt.interruptGate(Exceptions.PF, PF_HANDLER, 0);
        gdt.ring3(USER_STACK);
        // JMP FAR [HOLE]
        rig.code(0xFF, 0x2D, 0, 0, HOLE >>> 16 & 0xFF, 0).step(1);
        assertThat(cpu.eip).isEqualTo(DF_HANDLER);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(stack(0)).isZero();
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
        assertThat(stack(2)).isEqualTo(CODE3);
        // CR2 holds the address of the second page fault: the ring-0 stack.
        assertThat(cpu.cr2 >>> 12).isEqualTo((RING0_STACK - 4) >>> 12);
    }

    @Test
    void contributoryDuringPageFaultDeliveryIsDoubleFault() {
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        pages.unmap(HOLE);
        gdt.idt(Exceptions.PF, notPresent(gate(14, CODE0, PF_HANDLER, 0)));
        rig.code(0xFF, 0x2D, 0, 0, HOLE >>> 16 & 0xFF, 0).step(1);
        assertThat(cpu.eip).isEqualTo(DF_HANDLER);
        assertThat(stack(0)).isZero();
    }

    @Test
    void pageFaultDuringContributoryDeliveryIsDeliveredSerially() {
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        pages.unmap(RING0_STACK - 4);
        gdt.interruptGate(Exceptions.GP, GP_HANDLER, 0);
        gdt.idt(Exceptions.PF, gate(14, CONFORMING, PF_HANDLER, 0));
        gdt.ring3(USER_STACK);
        rig.code(0xF4).step(1); // HLT at CPL 3: #GP, whose delivery faults on the ring-0 stack
        assertThat(cpu.eip).isEqualTo(PF_HANDLER);
        assertThat(cpu.cpl).isEqualTo(3);
        // Supervisor write to a not-present page.
        assertThat(stack(0)).isEqualTo(2);
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void doubleFaultClassificationMatchesSdmTable() {
        int[] contributory = {Exceptions.DE, Exceptions.TS, Exceptions.NP, Exceptions.SS, Exceptions.GP};
        int[] benign = {Exceptions.DB, Exceptions.NMI, Exceptions.BP, Exceptions.OF, Exceptions.BR, Exceptions.UD,
            Exceptions.NM, Exceptions.CSO, Exceptions.MF};
        for (int a : contributory) {
            for (int b : contributory) {
                assertThat(Interrupts.doubleFault(a, b)).isTrue();
            }
            assertThat(Interrupts.doubleFault(a, Exceptions.PF)).isFalse();
            assertThat(Interrupts.doubleFault(Exceptions.PF, a)).isTrue();
        }
        assertThat(Interrupts.doubleFault(Exceptions.PF, Exceptions.PF)).isTrue();
        for (int a : benign) {
            for (int b : contributory) {
                assertThat(Interrupts.doubleFault(a, b)).isFalse();
                assertThat(Interrupts.doubleFault(b, a)).isFalse();
            }
            assertThat(Interrupts.doubleFault(a, Exceptions.PF)).isFalse();
        }
    }
}
