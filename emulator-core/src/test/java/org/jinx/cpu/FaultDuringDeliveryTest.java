package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A fault raised while the processor delivers another one stays inside the guest: it is
 * delivered in turn, escalates to a double fault by the rules of SDM table 5-5, and a fault
 * while delivering the double fault shuts the processor down. It never leaves
 * {@link Cpu#step()} as a Java exception.
 */
class FaultDuringDeliveryTest {
    @Test
    void realModeStackThatCannotTakeThePushShutsDown() {
        // SP = 1: the first push of the interrupt frame would write across the 64 KiB limit (#SS).
        CpuRig rig = CpuRig.real().code(0x0F, 0x0B); // UD2-style undefined opcode: #UD
        rig.set(Cpu.ESP, 1);
        rig.step(1);
        assertThat(rig.cpu.state).isEqualTo(Cpu.State.SHUTDOWN);
        assertThat(rig.cpu.shutdownReason).contains("triple fault");
    }

    @Test
    void realModeFaultWithRoomOnTheStackIsDeliveredThroughTheIvt() {
        CpuRig rig = CpuRig.real().code(0x0F, 0x0B);
        rig.cpu.mem.write32(6 * 4, 0x0000_2000); // #UD handler at 0000:2000
        rig.step(1);
        assertThat(rig.cpu.state).isEqualTo(Cpu.State.RUNNING);
        assertThat(rig.cpu.eip).isEqualTo(0x2000);
        assertThat(rig.reg(Cpu.ESP)).isEqualTo(CpuRig.STACK_TOP - 6);
        assertThat(rig.cpu.mem.read16(CpuRig.STACK_TOP - 6)).isEqualTo(CpuRig.CODE);
    }
}
