package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Preemptive round robin driven by PIT IRQ 0, and the same run twice: CPU-bound processes of one
 * priority take turns at every quantum, and because every input comes from virtual time the two
 * runs match instruction for instruction.
 */
class DeterministicScheduleTest {
    private static GuestRun spinners() {
        return GuestRun.boot(2_000_000_000L, GuestRun.system("spinner", "a"), GuestRun.system("spinner", "b"),
                GuestRun.system("spinner", "c"));
    }

    @Test
    void cpuBoundProcessesTakeTurnsAtTheEndOfEachQuantum() {
        GuestRun run = spinners();
        assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
        List<String> order = run.lines().stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertThat(order).as(run.console).hasSize(18);
        // Nobody finishes before the others have started: the clock took the CPU away.
        int lastA = order.lastIndexOf("a");
        assertThat(order.subList(0, lastA)).as(run.console).contains("b", "c");
        assertThat(run.outcome.ticks()).as("the clock ran").isGreaterThan(20);
    }

    @Test
    void theSameModulesGiveTheSameRunInstructionForInstruction() {
        GuestRun first = spinners();
        GuestRun second = spinners();
        assertThat(second.console).isEqualTo(first.console);
        assertThat(second.outcome.instructions()).isEqualTo(first.outcome.instructions());
        assertThat(second.outcome.ticks()).isEqualTo(first.outcome.ticks());
    }
}
