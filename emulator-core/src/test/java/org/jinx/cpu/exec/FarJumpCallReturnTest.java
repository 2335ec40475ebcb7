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

/** Far JMP, CALL and RETF without a privilege change, in protected and real mode. */
class FarJumpCallReturnTest {
    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
    }

    private static int[] farPtr(int opcode, int off, int sel) {
        return new int[] {opcode, off & 0xFF, off >>> 8 & 0xFF, off >>> 16 & 0xFF, off >>> 24, sel & 0xFF, sel >>> 8};
    }

    @Test
    void jmpFarLoadsCodeSegmentAndOffset() {
        gdt.set(0x40, segment(0x10000, 0xFFFFF, CODE_ACCESS, true, true));
        rig.code(farPtr(0xEA, 0x2345, 0x40)).step(1);
        assertThat(cpu.eip).isEqualTo(0x2345);
        assertThat(cpu.seg[Cpu.CS].base).isEqualTo(0x10000);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(0x40);
        assertThat(gdt.access(0x40) & 1).isEqualTo(1);
    }

    @Test
    void jmpFarForcesRplToCpl() {
        gdt.set(0x40, segment(0, 0xFFFFF, 0x9E, true, true)); // conforming, DPL 0
        gdt.ring3(0x7000);
        rig.code(farPtr(0xEA, 0x2000, 0x40)).step(1);
        assertThat(cpu.seg[Cpu.CS].selector).isEqualTo(0x43);
        assertThat(cpu.cpl).isEqualTo(3);
    }

    @Test
    void jmpFarToNonConformingCodeOfOtherLevelIsGp() {
        gdt.ring3(0x7000);
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        rig.code(farPtr(0xEA, 0x2000, CODE0)).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(CODE0);
    }

    @Test
    void jmpFarBeyondCodeLimitIsGpZeroAndChangesNothing() {
        gdt.set(0x40, segment(0, 0x0FFF, CODE_ACCESS, true, false));
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        rig.code(farPtr(0xEA, 0x1000, 0x40)).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isZero();
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP] + 8)).isEqualTo(CODE0);
    }

    @Test
    void jmpFarToNotPresentSegmentIsNp() {
        gdt.set(0x40, notPresent(segment(0, 0xFFFFF, CODE_ACCESS, true, true)));
        gdt.interruptGate(Exceptions.NP, 0x3100, 0);
        rig.code(farPtr(0xEA, 0, 0x40)).step(1);
        assertThat(cpu.eip).isEqualTo(0x3100);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(0x40);
    }

    @Test
    void jmpFarToDataSegmentIsGp() {
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        rig.code(farPtr(0xEA, 0, DATA0)).step(1);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(DATA0);
    }

    @Test
    void callFarPushesReturnAddressAndRetfPopsIt() {
        gdt.bytes(0x3000, 0xCB); // RETF
        rig.code(farPtr(0x9A, 0x3000, CODE0)).step(1);
        assertThat(cpu.eip).isEqualTo(0x3000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP - 8);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(CpuRig.CODE + 7);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP] + 4)).isEqualTo(CODE0);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 7);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP);
    }

    @Test
    void retfImmediateReleasesParameters() {
        gdt.bytes(0x3000, 0xCA, 0x08, 0x00); // RETF 8
        rig.code(farPtr(0x9A, 0x3000, CODE0)).step(2);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP + 8);
    }

    @Test
    void callFarWithOperandSizePrefixPushesWords() {
        gdt.bytes(0x3000, 0x66, 0xCB); // o16 RETF
        rig.code(0x66, 0x9A, 0x00, 0x30, CODE0, 0x00).step(1);
        assertThat(cpu.eip).isEqualTo(0x3000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP - 4);
        assertThat(cpu.mem.read16(cpu.reg[Cpu.ESP])).isEqualTo(CpuRig.CODE + 6);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE + 6);
    }

    @Test
    void callFarIndirectReadsPointerFromMemory() {
        cpu.mem.write32(CpuRig.DATA, 0x3000);
        cpu.mem.write16(CpuRig.DATA + 4, CODE0);
        // CALL FAR [DATA] = FF /3 with disp32
        rig.code(0xFF, 0x1D, CpuRig.DATA & 0xFF, CpuRig.DATA >>> 8 & 0xFF, 0, 0).step(1);
        assertThat(cpu.eip).isEqualTo(0x3000);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).isEqualTo(CpuRig.CODE + 6);
    }

    @Test
    void jmpFarIndirectReadsPointerFromMemory() {
        cpu.mem.write32(CpuRig.DATA, 0x3456);
        cpu.mem.write16(CpuRig.DATA + 4, CODE0);
        rig.code(0xFF, 0x2D, CpuRig.DATA & 0xFF, CpuRig.DATA >>> 8 & 0xFF, 0, 0).step(1);
        assertThat(cpu.eip).isEqualTo(0x3456);
    }

    @Test
    void callFarStackOverflowIsSsAndLeavesEspUnchanged() {
        gdt.set(0x40, segment(0x9000, 0x0FFF, DATA_ACCESS, true, false));
        SegmentLoad.load(cpu, Cpu.SS, 0x40);
        cpu.reg[Cpu.ESP] = 4; // room for one dword only
        gdt.interruptGate(Exceptions.SS, 0x3100, 0);
        int before = cpu.reg[Cpu.ESP];
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarXfer.call(cpu, CODE0, 0x3000, 4));
        assertThat(f.vector).isEqualTo(Exceptions.SS);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(before);
    }

    @Test
    void retfToOuterLevelPopsStackAndNullsInnerSegments() {
        // Ring 0 returning to ring 3: EIP, CS, ESP, SS on the stack.
        int sp = 0x6000;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, CODE3);
        cpu.mem.write32(sp + 8, 0x7700);
        cpu.mem.write32(sp + 12, DATA3);
        cpu.reg[Cpu.ESP] = sp;
        rig.code(0xCB).step(1);
        assertThat(cpu.cpl).isEqualTo(3);
        assertThat(cpu.eip).isEqualTo(0x4000);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x7700);
        assertThat(cpu.seg[Cpu.SS].selector).isEqualTo(DATA3);
        // DS, ES, FS, GS held ring-0 data: unusable at ring 3.
        assertThat(cpu.seg[Cpu.DS].valid).isFalse();
        assertThat(cpu.seg[Cpu.GS].valid).isFalse();
    }

    @Test
    void retfToOuterLevelWithImmediateAdjustsBothStacks() {
        int sp = 0x6000;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, CODE3);
        cpu.mem.write32(sp + 16, 0x7700); // after 8 bytes of parameters
        cpu.mem.write32(sp + 20, DATA3);
        cpu.reg[Cpu.ESP] = sp;
        rig.code(0xCA, 0x08, 0x00).step(1);
        assertThat(cpu.reg[Cpu.ESP]).isEqualTo(0x7708);
    }

    @Test
    void retfToMorePrivilegedLevelIsGp() {
        gdt.ring3(0x7000);
        cpu.mem.write32(0x7000, 0x4000);
        cpu.mem.write32(0x7004, CODE0);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarReturn.retf(cpu, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(CODE0);
    }

    @Test
    void retfToOuterLevelWithStackOfWrongPrivilegeIsGp() {
        int sp = 0x6000;
        cpu.mem.write32(sp, 0x4000);
        cpu.mem.write32(sp + 4, CODE3);
        cpu.mem.write32(sp + 8, 0x7700);
        cpu.mem.write32(sp + 12, DATA0 | 3);
        cpu.reg[Cpu.ESP] = sp;
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> FarReturn.retf(cpu, 0, 4));
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(DATA0);
        assertThat(cpu.cpl).isZero();
    }

    @Test
    void enteringProtectedModeKeepsCsCacheUntilFarJump() {
        CpuRig r = CpuRig.real();
        Cpu c = r.cpu;
        DescriptorBuilder g = DescriptorBuilder.standard(r);
        c.cr0 &= ~Cpu.CR0_PE;
        c.reg[Cpu.EAX] = Cpu.CR0_PE | Cpu.CR0_ET;
        // MOV CR0, EAX ; JMP FAR 0008:00003000 (o32 in 16-bit code)
        r.code(0x0F, 0x22, 0xC0, 0x66, 0xEA, 0x00, 0x30, 0x00, 0x00, 0x08, 0x00);
        r.step(1);
        assertThat(c.protectedMode()).isTrue();
        assertThat(c.cpl).isZero();
        assertThat(c.seg[Cpu.CS].big).isFalse();
        assertThat(c.eip).isEqualTo(CpuRig.CODE + 3);
        r.step(1);
        assertThat(c.seg[Cpu.CS].selector).isEqualTo(CODE0);
        assertThat(c.seg[Cpu.CS].big).isTrue();
        assertThat(c.eip).isEqualTo(0x3000);
        assertThat(g.access(CODE0) & 1).isEqualTo(1);
    }

    @Test
    void realModeFarCallAndReturn() {
        CpuRig r = CpuRig.real();
        Cpu c = r.cpu;
        c.mem.write8(0x20000 + 0x10, 0xCB); // RETF at 2000:0010
        r.code(0x9A, 0x10, 0x00, 0x00, 0x20).step(1);
        assertThat(c.seg[Cpu.CS].base).isEqualTo(0x20000);
        assertThat(c.eip).isEqualTo(0x10);
        assertThat(c.mem.read16(CpuRig.STACK_TOP - 2)).isZero();
        assertThat(c.mem.read16(CpuRig.STACK_TOP - 4)).isEqualTo(CpuRig.CODE + 5);
        r.step(1);
        assertThat(c.seg[Cpu.CS].base).isZero();
        assertThat(c.eip).isEqualTo(CpuRig.CODE + 5);
    }

    @Test
    void realModeIntAndIretThroughIvt() {
        CpuRig r = CpuRig.real();
        Cpu c = r.cpu;
        c.mem.write16(0x21 * 4, 0x0100);
        c.mem.write16(0x21 * 4 + 2, 0x0300);
        c.mem.write8(0x3100, 0xCF);
        c.setFlag(Cpu.IF, true);
        c.setFlag(Cpu.CF, true);
        r.code(0xCD, 0x21).step(1);
        assertThat(c.seg[Cpu.CS].selector).isEqualTo(0x300);
        assertThat(c.eip).isEqualTo(0x100);
        assertThat(c.ifFlag()).isFalse();
        assertThat(c.reg[Cpu.ESP]).isEqualTo(CpuRig.STACK_TOP - 6);
        r.step(1);
        assertThat(c.eip).isEqualTo(CpuRig.CODE + 2);
        assertThat(c.ifFlag()).isTrue();
        assertThat(c.cf()).isTrue();
    }
}
