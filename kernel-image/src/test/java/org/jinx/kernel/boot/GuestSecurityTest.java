package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jinx.kernel.system.Signals;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Guest programs attack the kernel and each other (sec_*.c): bad message pointers, tables and
 * counts, IPC and kernel calls a user may not make, another process's memory, port I/O and
 * faults at ring 3. Every attempt gets the spec's error code or kills only the attacker, and the
 * system goes on.
 */
class GuestSecurityTest {
    @TestFactory
    Stream<DynamicTest> attacksFailAndTheKernelKeepsRunning() {
        GuestRun run = GuestRun.boot(300_000_000L,
                GuestRun.system("sec_checker"),
                GuestRun.system("sec_victim"),
                GuestRun.user("sec_user", "io"),
                GuestRun.user("sec_user", "text"),
                GuestRun.user("sec_user", "jump"),
                GuestRun.system("sec_faulter"));
        return Stream.concat(run.results(), Stream.of(
                DynamicTest.dynamicTest("the_faulting_system_process_alone_is_ended_by_sigsegv", () ->
                        assertThat(run.outcome.statuses()).as(run.context())
                                .containsEntry("sec_faulter", 128 + Signals.SIGSEGV)),
                DynamicTest.dynamicTest("checker_and_victim_end_cleanly", () -> {
                    assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
                    assertThat(run.outcome.statuses()).as(run.context()).containsEntry("sec_checker", 0)
                            .containsEntry("sec_victim", 0);
                })));
    }
}
