package org.jinx.tools.lockstep;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A representative subset of the CPU test programs runs in lockstep with QEMU through its
 * whole length with no unexplained divergence (skipped where QEMU is missing). Chosen to cover
 * the areas in little time: the switch into and out of protected mode, privilege changes and
 * call gates, task switches, virtual-8086 mode, self-modifying code, and the debug registers
 * (which exercise the lockstep's own stepping rules). {@link GuestLockstepAllTest} runs every
 * program.
 */
class GuestLockstepTest {
    static List<String> programs() {
        return List.of("pmode_switch", "smc", "v86", "tasks", "debug_regs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void runsInLockstepWithQemu(String program) throws Exception {
        GuestLockstep.runAndCheck(program);
    }
}
