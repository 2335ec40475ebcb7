package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec 7, scenario 6 from guest code (scen_kerninfo.c, scen_kerninfo_writer.c): IPC call 7 is
 * EBADCALL; MINIX_KERNINFO gives every process the same read-only page, whose fields agree with
 * SYS_GETINFO and SYS_TIMES and follow the clock and the process table; a user process writing
 * to it is stopped with SIGSEGV and the system goes on.
 */
class KernInfoFromGuestTest {
    @TestFactory
    Stream<DynamicTest> kernelInfoPageFromGuestCode() {
        GuestRun run = GuestRun.boot(100_000_000L, GuestRun.system("scen_kerninfo"), GuestRun.user("scen_kerninfo_writer"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("the_checker_ends_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses()).as(run.context()).containsEntry("scen_kerninfo", 0);
        })));
    }
}
