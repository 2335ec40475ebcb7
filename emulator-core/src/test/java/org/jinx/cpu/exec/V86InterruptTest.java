package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Virtual-8086 mode: entering it with IRETD at CPL 0, INT n and IRET as IOPL-sensitive
 * instructions, and interrupts from V86 mode to a ring-0 handler with the segment registers
 * saved on the inner stack.
 */
class V86InterruptTest {
    private static final int V86_CS = 0x0200;
    private static final int V86_IP = 0x0010;
    private static final int V86_CODE = V86_CS * 16 + V86_IP;
    private static final int GP_HANDLER = 0x3100;
    private static final int HANDLER = 0x3000;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.GP, GP_HANDLER, 0);
    }

    /** IRETD from ring 0 into V86 mode at 0200:0010 with the given IOPL. */
    private void enterV86(int iopl) {
        int sp = 0x6000;
        int[] frame = {V86_IP, V86_CS, Cpu.VM | Cpu.IF | iopl << 12 | 2, 0x0100, 0x0300, 0x0400, 0x0500, 0x0600,
            0x0700};
        for (int i = 0; i < frame.length; i++) {
            cpu.mem.write32(sp + 4 * i, frame[i]);
        }
        cpu.reg[Cpu.ESP] = sp;
        rig.code(0xCF).step(1);
    }

    private int inner(int i) {
        return cpu.mem.read32(RING0_STACK - 4 * (i + 1));
    }

    private void v86Code(int... bytes) {
        gdt.bytes(V86_CODE, bytes);
    }

    @Test
    void iretdWithVmAtCpl0EntersV86Mode() {
        enterV86(0);
        assertThat(cpu.v86()).isTrue();
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.eip).isEqualTo(V86_IP);
        assertThat(cpu.seg[Cpu.CS].base).isEqualTo(V86_CS * 16);
        assertThat(cpu.seg[Cpu.SS].base).isEqualTo(0x3000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x100);
        assertThat(cpu.seg[Cpu.ES].base).isEqualTo(0x4000);
        assertThat(cpu.seg[Cpu.DS].base).isEqualTo(0x5000);
        assertThat(cpu.seg[Cpu.FS].base).isEqualTo(0x6000);
        assertThat(cpu.seg[Cpu.GS].base).isEqualTo(0x7000);
        assertThat(cpu.code32()).isFalse();
    }

    @Test
    void intWithIoplBelow3IsGpZeroToRing0WithSegmentsSaved() {
        enterV86(0);
        gdt.interruptGate(0x21, HANDLER, 3);
        v86Code(0xCD, 0x21);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(cpu.v86()).isFalse();
        assertThat(cpu.cpl).isZero();
        // GS FS DS ES SS ESP EFLAGS CS EIP and the error code, from the top of the stack down.
        assertThat(inner(0)).isEqualTo(0x0700);
        assertThat(inner(1)).isEqualTo(0x0600);
        assertThat(inner(2)).isEqualTo(0x0500);
        assertThat(inner(3)).isEqualTo(0x0400);
        assertThat(inner(4)).isEqualTo(0x0300);
        assertThat(inner(5)).isEqualTo(0x0100);
        assertThat(inner(6) & Cpu.VM).isEqualTo(Cpu.VM);
        assertThat(inner(7)).isEqualTo(V86_CS);
        assertThat(inner(8)).isEqualTo(V86_IP);
        assertThat(inner(9)).isZero();
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(RING0_STACK - 40);
        // The data segment registers are null in the handler.
        assertThat(cpu.seg[Cpu.DS].valid).isFalse();
        assertThat(cpu.seg[Cpu.GS].selector).isZero();
    }

    @Test
    void intWithIopl3GoesThroughDpl3GateToRing0() {
        enterV86(3);
        gdt.interruptGate(0x21, HANDLER, 3);
        v86Code(0xCD, 0x21);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(cpu.cpl).isZero();
        assertThat(inner(8)).isEqualTo(V86_IP + 2);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(RING0_STACK - 36);
        assertThat(cpu.ifFlag()).isFalse();
    }

    @Test
    void ring0IretdReturnsToV86WithSegmentsRestored() {
        enterV86(3);
        gdt.interruptGate(0x21, HANDLER, 3);
        gdt.bytes(HANDLER, 0xCF);
        v86Code(0xCD, 0x21);
        rig.step(2);
        assertThat(cpu.v86()).isTrue();
        assertThat(cpu.eip).isEqualTo(V86_IP + 2);
        assertThat(cpu.seg[Cpu.DS].base).isEqualTo(0x5000);
        assertThat(cpu.seg[Cpu.SS].base).isEqualTo(0x3000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x100);
    }

    @Test
    void intFromV86ToGateBelowCplIsGp() {
        enterV86(3);
        gdt.interruptGate(0x21, HANDLER, 0);
        v86Code(0xCD, 0x21);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(inner(9)).isEqualTo(0x21 * 8 + 2);
    }

    @Test
    void interruptFromV86ToNonRing0HandlerIsGp() {
        enterV86(3);
        gdt.idt(0x21, gate(14, CODE3, HANDLER, 3));
        v86Code(0xCD, 0x21);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
        assertThat(inner(9)).isEqualTo(CODE3 & ~3);
    }

    @Test
    void int3IsNotIoplSensitive() {
        enterV86(0);
        gdt.interruptGate(Exceptions.BP, HANDLER, 3);
        v86Code(0xCC);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
    }

    @Test
    void exceptionsFromV86GoThroughIdtRegardlessOfIopl() {
        enterV86(0);
        gdt.interruptGate(Exceptions.UD, HANDLER, 0);
        v86Code(0x0F, 0xFF);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(HANDLER);
        assertThat(inner(8)).isEqualTo(V86_IP);
    }

    @Test
    void iretInV86WithIoplBelow3IsGp() {
        enterV86(0);
        v86Code(0xCF);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
    }

    @Test
    void iretInV86WithIopl3PopsWordsAndKeepsIoplAndVm() {
        enterV86(3);
        // A 16-bit frame at SS:SP = 0300:0100: IP, CS, FLAGS (asking for IOPL 0).
        cpu.mem.write16(0x3100, 0x0020);
        cpu.mem.write16(0x3102, 0x0250);
        cpu.mem.write16(0x3104, Cpu.CF | 2);
        v86Code(0xCF);
        rig.step(1);
        assertThat(cpu.v86()).isTrue();
        assertThat(cpu.iopl()).isEqualTo(3);
        assertThat(cpu.cf()).isTrue();
        assertThat(cpu.seg[Cpu.CS].base).isEqualTo(0x2500);
        assertThat(cpu.eip).isEqualTo(0x20);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x106);
    }

    @Test
    void iretdWithVmAtCpl3DoesNotEnterV86() {
        gdt.ring3(0x7000);
        int sp = 0x7000 - 12;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, CODE3);
        cpu.mem.write32(sp + 8, Cpu.VM | 2);
        cpu.reg[Cpu.ESP] = sp;
        rig.code(0xCF).step(1);
        assertThat(cpu.v86()).isFalse();
        assertThat(cpu.eip).isEqualTo(0x4000);
    }

    @Test
    void farJumpInV86LoadsSegmentLikeRealMode() {
        enterV86(0);
        v86Code(0xEA, 0x34, 0x12, 0x00, 0x10); // JMP FAR 1000:1234
        rig.step(1);
        assertThat(cpu.seg[Cpu.CS].base).isEqualTo(0x10000);
        assertThat(cpu.eip).isEqualTo(0x1234);
        assertThat(cpu.cpl).isEqualTo(3);
    }

    @Test
    void privilegedInstructionInV86IsGp() {
        enterV86(3);
        v86Code(0xF4);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(GP_HANDLER);
    }
}
