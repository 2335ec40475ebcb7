package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** kcalls.c: every kernel call a system process makes, through INT 0x20 on the CPU. */
class KernelCallsThroughTheTrapTest {
    @TestFactory
    Stream<DynamicTest> kernelCallsFromAGuestSystemProcess() {
        GuestRun run = GuestRun.boot(300_000_000L, GuestRun.system("kcalls"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("the_program_ends_with_status_0", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses()).as(run.context()).containsEntry("kcalls", 0);
        })));
    }
}
