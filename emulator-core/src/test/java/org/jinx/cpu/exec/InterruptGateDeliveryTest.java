package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.OneShotInterrupt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protected-mode delivery through IDT interrupt and trap gates at the current privilege level. */
class InterruptGateDeliveryTest {
    private static final int HANDLER = 0x3000;
    private static final int GP_HANDLER = 0x3100;
    private static final int NP_HANDLER = 0x3200;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.GP, GP_HANDLER, 0);
        gdt.interruptGate(Exceptions.NP, NP_HANDLER, 0);
        cpu.setFlag(Cpu.IF, true);
    }

    private int stack(int i) {
        return cpu.mem.read32(cpu.reg[Cpu.ESP] + 4 * i);
    }

    @Test
    void intThroughInterruptGatePushesFrameAndClearsIf() {
        gdt.interruptGate(0x40, HANDLER, 0);
        int flags = cpu.getEflags();
        rig.code(0xCD, 0x40).step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP - 12);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 2);
        assertThat(stack(1)).isEqualTo(CODE0);
        assertThat(stack(2)).isEqualTo(flags);
        assertThat(cpu.ifFlag()).isFalse();
    }

    @Test
    void trapGateLeavesIfSet() {
        gdt.trapGate(0x41, HANDLER, 0);
        rig.code(0xCD, 0x41).step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(cpu.ifFlag()).isTrue();
    }

    @Test
    void iretdReturnsToInterruptedCodeAndRestoresFlags() {
        gdt.interruptGate(0x40, HANDLER, 0);
        gdt.bytes(HANDLER, 0xCF);
        rig.code(0xCD, 0x40).step(2);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 2);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP);
        assertThat(cpu.ifFlag()).isTrue();
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(CODE0);
    }

    @Test
    void gate286PushesWordsAndUsesSixteenBitOffset() {
        gdt.idt(0x42, gate(6, CODE0, 0x00013000, 0)); // high word of the offset is ignored
        rig.code(0xCD, 0x42).step(1);
        assertThat(cpu.eip).isEqualTo(0x3000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP - 6);
        int sp = cpu.reg[Cpu.ESP];
        assertThat(cpu.mem.read16(sp)).isEqualTo(CpuRig.CODE + 2);
        assertThat(cpu.mem.read16(sp + 2)).isEqualTo(CODE0);
    }

    @Test
    void faultPushesErrorCodeAndFaultingEip() {
        // JMP FAR 0043:0 -- the selector is beyond the GDT limit.
        cpu.gdtrLimit = 0x3F;
        rig.code(0xEA, 0, 0, 0, 0, 0x43, 0x00).step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(stack(0)).isEqualTo(0x40);
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
        assertThat(stack(2)).isEqualTo(CODE0);
    }

    @Test
    void softwareIntToGateBelowCplIsGpWithIdtErrorCode() {
        gdt.interruptGate(0x40, HANDLER, 0);
        gdt.ring3(0x7000);
        rig.code(0xCD, 0x40).step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(cpu.cpl).isZero();
        assertThat(stack(0)).isEqualTo(0x40 * 8 + 2);
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void int3ObeysGateDplButExceptionsDoNot() {
        gdt.interruptGate(Exceptions.BP, HANDLER, 0);
        gdt.ring3(0x7000);
        rig.code(0xCC).step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(stack(0)).isEqualTo(Exceptions.BP * 8 + 2);
    }

    @Test
    void intoTrapsOnlyWhenOverflowSet() {
        gdt.interruptGate(Exceptions.OF, HANDLER, 0);
        rig.code(0xCE, 0xCE).step(1);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 1);
        cpu.setFlag(Cpu.OF, true);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 2);
    }

    @Test
    void vectorBeyondIdtLimitIsGpWithIdtBit() {
        cpu.idtrLimit = 0x40 * 8 + 6; // one byte short of the whole gate
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x40, 0));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(0x40 * 8 + 2);
    }

    @Test
    void notPresentGateIsNp() {
        gdt.idt(0x40, notPresent(gate(14, CODE0, HANDLER, 0)));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x40, 0));
        assertThat(f.vector).isEqualTo(Exceptions.NP);
        assertThat(f.errorCode).isEqualTo(0x40 * 8 + 2);
    }

    @Test
    void callGateInIdtIsGp() {
        gdt.idt(0x40, gate(12, CODE0, HANDLER, 0));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x40, 0));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(0x40 * 8 + 2);
    }

    @Test
    void failedDeliveryLeavesStateUnchanged() {
        gdt.idt(0x40, gate(14, 0x48, HANDLER, 0)); // 0x48 is an empty GDT slot: not a code segment
        int esp = cpu.reg[Cpu.ESP];
        int flags = cpu.getEflags();
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x40, 0x1234));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(0x48);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(esp);
        assertThat(cpu.getEflags()).isEqualTo(flags);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(CODE0);
    }

    @Test
    void externalInterruptErrorCodesCarryExtBit() {
        gdt.idt(0x50, notPresent(gate(14, CODE0, HANDLER, 0)));
        Interrupts.external(cpu, 0x50);
        assertThat(cpu.eip).isEqualTo(NP_HANDLER);
        assertThat(stack(0)).isEqualTo(0x50 * 8 + 2 + 1);
        // The #NP frame points at the interrupted instruction.
        assertThat(stack(1)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void faultWhileDeliveringExceptionSetsExtOnSelectorErrorCode() {
        // #UD's gate names a code segment that is not present.
        gdt.set(0x48, notPresent(segment(0, 0xFFFFF, CODE_ACCESS, true, true)));
        gdt.idt(Exceptions.UD, gate(14, 0x48, HANDLER, 0));
        rig.code(0x0F, 0xFF).step(1); // an undefined opcode
        assertThat(cpu.eip).isEqualTo(NP_HANDLER);
        assertThat(stack(0)).isEqualTo(0x48 | 1);
    }

    @Test
    void externalInterruptTakenFromPicBetweenInstructions() {
        gdt.interruptGate(0x20, HANDLER, 0);
        cpu.pic = new OneShotInterrupt(0x20);
        rig.code(0x0F, 0x06).step(1); // CLTS is not executed: the interrupt comes first
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void conformingHandlerRunsAtCallersPrivilege() {
        gdt.set(0x48, segment(0, 0xFFFFF, 0x9E, true, true)); // DPL 0 conforming
        gdt.idt(0x40, gate(14, 0x48, HANDLER, 3));
        gdt.ring3(0x7000);
        rig.code(0xCD, 0x40).step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(0x4B);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x7000 - 12);
    }

    @Test
    void gateEntryClearsTfNtAndRfButTrapGateKeepsIf() {
        gdt.trapGate(0x41, HANDLER, 0);
        cpu.setFlag(Cpu.TF | Cpu.NT | Cpu.RF | Cpu.IF, true);
        int flags = cpu.getEflags();
        Interrupts.software(cpu, 0x41, 0x1234);
        assertThat(cpu.getEflags() & (Cpu.TF | Cpu.NT | Cpu.RF)).isZero();
        assertThat(cpu.ifFlag()).isTrue();
        // The pushed image keeps them, so IRET restores the interrupted state.
        assertThat(stack(2)).isEqualTo(flags);
        assertThat(stack(0)).isEqualTo(0x1234);
    }
}
