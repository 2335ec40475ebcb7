package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.exec.DescriptorBuilder;
import org.junit.jupiter.api.Test;

/**
 * A hardware interrupt, and an exception, cost what INT n costs for the same path (the 386
 * manual gives them no counts of their own): measured here against an INT n instruction taking
 * the same path, in real mode, through a gate at the same level and into an inner level.
 */
class InterruptDeliveryClocksTest {
    private static final int VECTOR = 0x40;
    private static final int HANDLER = 0x3000;

    private static long clocksOfOneStep(CpuRig rig) {
        long before = rig.cpu.clock.cycles();
        rig.step(1);
        return rig.cpu.clock.cycles() - before;
    }

    private static CpuRig real() {
        CpuRig rig = CpuRig.real();
        rig.cpu.mem.write16(VECTOR * 4, HANDLER);
        rig.cpu.mem.write16(VECTOR * 4 + 2, 0);
        rig.cpu.setFlag(Cpu.IF, true);
        return rig;
    }

    private static CpuRig flat(boolean ring3) {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        gdt.interruptGate(VECTOR, HANDLER, 3);
        if (ring3) {
            gdt.ring3(0x6000);
        }
        rig.cpu.setFlag(Cpu.IF, true);
        return rig;
    }

    private static long external(CpuRig rig) {
        rig.code(0x90);
        rig.cpu.pic = new OneShotInterrupt(VECTOR);
        long clocks = clocksOfOneStep(rig);
        assertThat(rig.cpu.eip).as("the interrupt was delivered").isEqualTo(HANDLER);
        return clocks;
    }

    private static long intN(CpuRig rig) {
        rig.code(0xCD, VECTOR);
        long clocks = clocksOfOneStep(rig);
        assertThat(rig.cpu.eip).isEqualTo(HANDLER);
        return clocks;
    }

    @Test
    void realModeInterruptCostsIntN() {
        long intr = external(real());
        assertThat(intr).isPositive().isEqualTo(intN(real()));
    }

    @Test
    void interruptThroughAGateAtTheSameLevelCostsIntN() {
        long intr = external(flat(false));
        assertThat(intr).isPositive().isEqualTo(intN(flat(false)));
    }

    @Test
    void interruptFromRingThreeCostsIntNToAnInnerLevel() {
        long inner = external(flat(true));
        assertThat(inner).isEqualTo(intN(flat(true)));
        assertThat(inner).as("the stack switch costs more").isGreaterThan(external(flat(false)));
    }

    @Test
    void exceptionCostsMoreThanTheInstructionItAborted() {
        CpuRig rig = flat(false);
        DescriptorBuilder.standard(rig).interruptGate(Exceptions.DE, HANDLER, 0);
        rig.set(Cpu.EAX, 1).set(Cpu.ECX, 0).code(0xF7, 0xF1); // DIV ECX by zero
        long fault = clocksOfOneStep(rig);
        assertThat(rig.cpu.eip).isEqualTo(HANDLER);
        assertThat(fault).as("#DE delivered through a gate at the same level").isGreaterThanOrEqualTo(intN(flat(false)));
    }

    @Test
    void withoutCycleAccountingDeliveryAddsNoClocks() {
        CpuRig rig = real();
        rig.cpu.cycleAccounting = false;
        assertThat(external(rig)).isZero();
    }
}
