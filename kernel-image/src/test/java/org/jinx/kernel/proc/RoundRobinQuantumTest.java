package org.jinx.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.kernel.KernelRig;
import org.jinx.kernel.KernelTrap;
import org.junit.jupiter.api.Test;

/** Clock ticks use up the running process's quantum; then it goes behind its equals. */
class RoundRobinQuantumTest {
    @Test
    void processesOfOnePriorityTakeTurnsEveryQuantum() {
        KernelRig rig = new KernelRig();
        Proc a = rig.sys("a");
        Proc b = rig.sys("b");
        a.quantumTicks = a.ticksLeft = 3;
        b.quantumTicks = b.ticksLeft = 3;
        rig.kernel.schedule();
        assertThat(rig.kernel.currentProc()).isSameAs(a);
        for (int i = 0; i < 2; i++) {
            rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
            assertThat(rig.kernel.currentProc()).isSameAs(a);
        }
        rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
        assertThat(rig.kernel.currentProc()).isSameAs(b);
        assertThat(a.ticksLeft).as("refilled").isEqualTo(3);
        assertThat(rig.kernel.clock().ticks()).isEqualTo(3);
    }

    @Test
    void idleTicksOnlyAdvanceTime() {
        KernelRig rig = new KernelRig();
        rig.kernel.schedule();
        assertThat(rig.kernel.currentProc()).isNull();
        rig.kernel.trap(KernelTrap.Kind.INTERRUPT, KernelTrap.IRQ0_VECTOR, 0);
        assertThat(rig.kernel.clock().ticks()).isEqualTo(1);
        assertThat(rig.kernel.current()).isNull();
    }
}
