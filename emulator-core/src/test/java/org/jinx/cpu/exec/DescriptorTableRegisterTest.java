package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

/** LGDT, LIDT, SGDT, SIDT with both operand sizes, and their privilege rule. */
class DescriptorTableRegisterTest {
    private static final int M = CpuRig.DATA;

    private static int[] modrmDisp32(int prefix, int reg) {
        int[] b = {0x0F, 0x01, reg << 3 | 5, M & 0xFF, M >>> 8 & 0xFF, M >>> 16 & 0xFF, M >>> 24};
        if (prefix == 0) {
            return b;
        }
        int[] p = new int[b.length + 1];
        p[0] = prefix;
        System.arraycopy(b, 0, p, 1, b.length);
        return p;
    }

    @Test
    void lgdtLoadsLimitAndFullBaseWith32BitOperand() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.mem.write16(M, 0x1234);
        rig.cpu.mem.write32(M + 2, 0xAB345678);
        rig.code(modrmDisp32(0, 2)).step(1);
        assertThat(rig.cpu.gdtrLimit).isEqualTo(0x1234);
        assertThat(rig.cpu.gdtrBase).isEqualTo(0xAB345678);
    }

    @Test
    void lidtWith16BitOperandLoadsOnly24BitBase() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.mem.write16(M, 0x07FF);
        rig.cpu.mem.write32(M + 2, 0xAB345678);
        rig.code(modrmDisp32(0x66, 3)).step(1);
        assertThat(rig.cpu.idtrLimit).isEqualTo(0x07FF);
        assertThat(rig.cpu.idtrBase).isEqualTo(0x00345678);
    }

    @Test
    void sgdtStoresLimitThenBase() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.gdtrLimit = 0x0FFF;
        rig.cpu.gdtrBase = 0xC0012345;
        rig.code(modrmDisp32(0, 0)).step(1);
        assertThat(rig.cpu.mem.read16(M)).isEqualTo(0x0FFF);
        assertThat(rig.cpu.mem.read32(M + 2)).isEqualTo(0xC0012345);
    }

    @Test
    void sidtWith16BitOperandStoresZeroInSixthByte() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.idtrLimit = 0x03FF;
        rig.cpu.idtrBase = 0xC0012345;
        rig.cpu.mem.write8(M + 5, 0xEE);
        rig.code(modrmDisp32(0x66, 1)).step(1);
        assertThat(rig.cpu.mem.read16(M)).isEqualTo(0x03FF);
        assertThat(rig.cpu.mem.read8(M + 2)).isEqualTo(0x45);
        assertThat(rig.cpu.mem.read8(M + 4)).isEqualTo(0x01);
        assertThat(rig.cpu.mem.read8(M + 5)).isZero();
    }

    @Test
    void sgdtIsAllowedAtCpl3ButLgdtIsNot() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.GP, 0x3100, 0);
        gdt.ring3(0x7000);
        rig.code(modrmDisp32(0, 0)).step(1);
        assertThat(rig.cpu.eip).isEqualTo(CpuRig.CODE + 7);
        assertThat(rig.cpu.mem.read32(M + 2)).isEqualTo(DescriptorBuilder.GDT);
        rig.code(modrmDisp32(0, 2)).step(1);
        assertThat(rig.cpu.eip).isEqualTo(0x3100);
        assertThat(rig.cpu.gdtrBase).isEqualTo(DescriptorBuilder.GDT);
    }

    @Test
    void lidtInRealModeMovesTheInterruptVectorTable() {
        CpuRig rig = CpuRig.real();
        Cpu c = rig.cpu;
        c.mem.write16(M, 0x03FF);
        c.mem.write32(M + 2, 0x10000);
        c.mem.write16(0x10000 + 0x30 * 4, 0x0200);
        c.mem.write16(0x10000 + 0x30 * 4 + 2, 0x0000);
        // LIDT [M] in 16-bit addressing: 0F 01 1E disp16; then INT 30h
        rig.code(0x0F, 0x01, 0x1E, M & 0xFF, M >>> 8, 0xCD, 0x30).step(2);
        assertThat(c.idtrBase).isEqualTo(0x10000);
        assertThat(c.eip).isEqualTo(0x200);
    }

    @Test
    void registerOperandIsInvalidOpcode() {
        CpuRig rig = CpuRig.real();
        rig.cpu.mem.write16(Exceptions.UD * 4, 0x0300);
        rig.code(0x0F, 0x01, 0xD0).step(1); // LGDT with mod = 3
        assertThat(rig.cpu.eip).isEqualTo(0x300);
    }
}
