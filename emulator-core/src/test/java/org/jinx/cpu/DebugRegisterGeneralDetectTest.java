package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.exec.DescriptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DR7.GD, general detect (386 manual 12.2.4): with GD set, a MOV to or from any debug register
 * is a #DB fault before it runs; the processor clears GD on entry to the handler and sets
 * DR6.BD (bit 13).
 */
class DebugRegisterGeneralDetectTest {
    private static final int DB_HANDLER = 0x3000;
    private static final int GD = 1 << 13;
    private static final int BD = 1 << 13;

    private CpuRig rig;
    private Cpu cpu;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.DB, DB_HANDLER, 0);
        gdt.bytes(DB_HANDLER, 0x0F, 0x21, 0xF8); // MOV EAX, DR7 in the handler
        cpu.dr[6] = 0xFFFF0FF0;
        cpu.dr[7] = GD | 0x400;
    }

    @Test
    void movFromDebugRegisterFaultsAndTheHandlerCanReadThem() {
        cpu.reg[Cpu.ECX] = 0x11111111;
        rig.code(0x0F, 0x21, 0xC1).step(1); // MOV ECX, DR0
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(cpu.mem.read32(cpu.reg[Cpu.ESP])).as("saved EIP: a fault").isEqualTo(CpuRig.CODE);
        assertThat(cpu.reg[Cpu.ECX]).as("the MOV did not run").isEqualTo(0x11111111);
        assertThat(cpu.dr[6] & BD).isEqualTo(BD);
        rig.step(1);
        assertThat(cpu.eip).as("GD cleared: the handler's own MOV runs").isEqualTo(DB_HANDLER + 3);
        assertThat(cpu.reg[Cpu.EAX] & GD).isZero();
    }

    @Test
    void movToDebugRegisterFaultsWithoutWriting() {
        cpu.reg[Cpu.EAX] = 0x12345678;
        rig.code(0x0F, 0x23, 0xC0).step(1); // MOV DR0, EAX
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(cpu.dr[0]).isZero();
    }

    @Test
    void withoutGeneralDetectTheMoveRuns() {
        cpu.dr[7] = 0x400;
        cpu.dr[0] = 0xCAFE;
        rig.code(0x0F, 0x21, 0xC1).step(1);
        assertThat(cpu.reg[Cpu.ECX]).isEqualTo(0xCAFE);
        assertThat(cpu.dr[6] & BD).isZero();
    }
}
