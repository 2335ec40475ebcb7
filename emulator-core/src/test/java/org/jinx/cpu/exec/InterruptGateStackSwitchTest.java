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
 * An interrupt from ring 3 to a ring-0 handler: the stack switch to SS0:ESP0 from the TSS, the
 * outer SS:ESP on the inner stack, and IRET back to the outer level.
 */
class InterruptGateStackSwitchTest {
    private static final int HANDLER = 0x3000;
    private static final int USER_STACK = 0x7000;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(0x80, HANDLER, 3);
        gdt.ring3(USER_STACK);
    }

    private int inner(int i) {
        return cpu.mem.read32(RING0_STACK - 4 * (i + 1));
    }

    @Test
    void switchesToTssStackAndPushesOuterStackPointer() {
        int flags = cpu.getEflags();
        rig.code(0xCD, 0x80).step(1);
        assertThat(cpu.cpl).isZero();
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(CODE0);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(DATA0);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(RING0_STACK - 20);
        // From the top of the inner stack down: SS, ESP, EFLAGS, CS, EIP.
        assertThat(inner(0)).isEqualTo(DATA3);
        assertThat(inner(1)).isEqualTo(USER_STACK);
        assertThat(inner(2)).isEqualTo(flags);
        assertThat(inner(3)).isEqualTo(CODE3);
        assertThat(inner(4)).isEqualTo(CpuRig.CODE + 2);
    }

    @Test
    void iretdReturnsToRing3AndRestoresOuterStack() {
        gdt.bytes(HANDLER, 0xCF);
        rig.code(0xCD, 0x80).step(2);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 2);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(CODE3);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(DATA3);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(USER_STACK);
    }

    @Test
    void iretToOuterLevelNullsInnerDataSegments() {
        gdt.bytes(HANDLER, 0xCF);
        rig.code(0xCD, 0x80).step(1);
        // The handler loads its own data segment into DS, keeps the user's in ES.
        SegmentLoad.load(cpu, Cpu.DS, DATA0);
        rig.step(1);
        assertThat(cpu.seg[Cpu.DS].valid).isFalse();
        assertThat(cpu.seg[Cpu.DS].selector).isZero();
        assertThat(cpu.seg[Cpu.ES].valid).isTrue();
        assertThat(cpu.seg[Cpu.ES].selector).isEqualTo(DATA3);
    }

    @Test
    void iretFromRing3CannotSetIoplOrIf() {
        // A ring-3 handler (DPL 3 code) returning with IOPL=3 and IF=1 in the image.
        cpu.setEflags(cpu.getEflags() & ~(Cpu.IF | Cpu.IOPL));
        int sp = cpu.reg[Cpu.ESP] - 12;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, CODE3);
        cpu.mem.write32(sp + 8, Cpu.IOPL | Cpu.IF | Cpu.CF | 2);
        cpu.reg[Cpu.ESP] = sp;
        rig.code(0xCF).step(1);
        assertThat(cpu.eip).isEqualTo(0x4000);
        assertThat(cpu.cf()).isTrue();
        assertThat(cpu.iopl()).isZero();
        assertThat(cpu.ifFlag()).isFalse();
    }

    @Test
    void iretToMorePrivilegedLevelIsGp() {
        int sp = cpu.reg[Cpu.ESP] - 12;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, CODE0);
        cpu.mem.write32(sp + 8, 2);
        cpu.reg[Cpu.ESP] = sp;
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        rig.code(0xCF).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(CODE0);
    }

    @Test
    void faultFromRing3PushesErrorCodeOnInnerStack() {
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        rig.code(0xF4).step(1); // HLT at CPL 3
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(RING0_STACK - 24);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isZero();
        assertThat(inner(4)).isEqualTo(CpuRig.CODE);
    }

    @Test
    void tssTooShortForRing0StackIsTs() {
        gdt.set(TSS_SEL, tss32(TSS, 0x07, true)).loadTr(TSS_SEL);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x80, 0));
        assertThat(f.vector).isEqualTo(Exceptions.TS);
        assertThat(f.errorCode).isEqualTo(TSS_SEL);
    }

    @Test
    void innerStackSelectorWithWrongRplIsTs() {
        cpu.mem.write32(TSS + 8, DATA0 | 1);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x80, 0));
        assertThat(f.vector).isEqualTo(Exceptions.TS);
        assertThat(f.errorCode).isEqualTo(DATA0);
    }

    @Test
    void nullInnerStackSelectorIsTs() {
        cpu.mem.write32(TSS + 8, 0);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x80, 0));
        assertThat(f.vector).isEqualTo(Exceptions.TS);
        assertThat(f.errorCode).isZero();
    }

    @Test
    void notPresentInnerStackIsSsFaultWithExtForExternalEvents() {
        gdt.set(0x40, notPresent(segment(0, 0xFFFFF, DATA_ACCESS, true, true)));
        cpu.mem.write32(TSS + 8, 0x40);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x80, 0));
        assertThat(f.vector).isEqualTo(Exceptions.SS);
        assertThat(f.errorCode).isEqualTo(0x40);
    }

    @Test
    void innerStackOverflowIsSsFaultAndChangesNothing() {
        // A 16-byte ring-0 stack segment cannot hold the 20-byte frame.
        gdt.set(0x40, segment(0x9000, 0x000F, DATA_ACCESS, true, false));
        cpu.mem.write32(TSS + 4, 0x10);
        cpu.mem.write32(TSS + 8, 0x40);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> Interrupts.software(cpu, 0x80, 0));
        assertThat(f.vector).isEqualTo(Exceptions.SS);
        assertThat(f.errorCode).isEqualTo(0x40);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(USER_STACK);
    }

    @Test
    void sixteenBitTssSuppliesSixteenBitStackPointer() {
        int tss16 = TSS + 0x100;
        gdt.set(0x40, tss16(tss16, 0x2B, false)).loadTr(0x40);
        cpu.mem.write16(tss16 + 2, 0x8800); // SP0
        cpu.mem.write16(tss16 + 4, DATA0); // SS0
        rig.code(0xCD, 0x80).step(1);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x8800 - 20);
    }
}
