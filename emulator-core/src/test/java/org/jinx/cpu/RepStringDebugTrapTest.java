package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.exec.DescriptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debug traps inside a repeated string instruction: the 386 takes the single-step trap after
 * every iteration, and a data breakpoint's trap after the iteration that touched the watched
 * bytes; the saved EIP is the string instruction's own while iterations are left, so the
 * handler's IRET resumes the repetition with the registers one iteration further on.
 */
class RepStringDebugTrapTest {
    private static final int DB_HANDLER = 0x3000;
    private static final int M = CpuRig.DATA;

    private CpuRig rig;
    private Cpu cpu;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(Exceptions.DB, DB_HANDLER, 0);
        gdt.bytes(DB_HANDLER, 0xCF); // IRETD
        cpu.dr[6] = 0xFFFF0FF0;
    }

    private int stack(int i) {
        return cpu.mem.read32(cpu.reg[Cpu.ESP] + 4 * i);
    }

    @Test
    void singleStepTrapsAfterEachIterationOfRepStos() {
        cpu.reg[Cpu.EDI] = M;
        cpu.reg[Cpu.ECX] = 3;
        cpu.reg[Cpu.EAX] = 0xAB;
        cpu.setFlag(Cpu.TF, true);
        rig.code(0xF3, 0xAA, 0x90).step(1); // REP STOSB
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(stack(0)).as("saved EIP: the REP STOSB itself").isEqualTo(CpuRig.CODE);
        assertThat(cpu.dr[6] & DebugRegisters.DR6_BS).isNotZero();
        assertThat(cpu.reg[Cpu.ECX]).isEqualTo(2);
        assertThat(cpu.reg[Cpu.EDI]).isEqualTo(M + 1);
        assertThat(cpu.mem.read8(M)).isEqualTo(0xAB);
        assertThat(cpu.mem.read8(M + 1)).isZero();

        rig.step(2); // IRETD (TF back on), then the second iteration
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(cpu.reg[Cpu.ECX]).isEqualTo(1);
        rig.step(2); // the last iteration: the trap now points past the instruction
        assertThat(cpu.reg[Cpu.ECX]).isZero();
        assertThat(stack(0)).isEqualTo(CpuRig.CODE + 2);
        assertThat(cpu.mem.read8(M + 2)).isEqualTo(0xAB);
    }

    @Test
    void dataBreakpointTrapsAfterTheIterationThatWritesTheWatchedByte() {
        cpu.reg[Cpu.ESI] = M;
        cpu.reg[Cpu.EDI] = M + 0x100;
        cpu.reg[Cpu.ECX] = 8;
        cpu.dr[0] = M + 0x100 + 4; // the fifth destination byte
        cpu.dr[7] = 1 | 1 << 16; // L0, write, one byte
        DebugRegisters.update(cpu);
        rig.code(0xF3, 0xA4, 0x90).step(4); // REP MOVSB, four iterations
        assertThat(cpu.eip).isEqualTo(CpuRig.CODE);
        assertThat(cpu.reg[Cpu.ECX]).isEqualTo(4);
        rig.step(1);
        assertThat(cpu.eip).isEqualTo(DB_HANDLER);
        assertThat(cpu.dr[6] & 0xF).isEqualTo(1);
        assertThat(cpu.reg[Cpu.ECX]).as("five iterations done, three left").isEqualTo(3);
        assertThat(cpu.reg[Cpu.EDI]).isEqualTo(M + 0x100 + 5);
        assertThat(stack(0)).isEqualTo(CpuRig.CODE);
    }
}
