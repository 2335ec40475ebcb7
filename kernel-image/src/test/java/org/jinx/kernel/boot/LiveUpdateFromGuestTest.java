package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A live update driven by guest code through the real trap path (lu_*.c): an RS-like process
 * forks the service, swaps the slots with SYS_UPDATE and answers the new instance, which reads
 * the old state through grant 0 (scenario 44) and re-registers its asynsend table, so the
 * client waiting meanwhile gets the pending message exactly once (scenario 39).
 */
class LiveUpdateFromGuestTest {
    @TestFactory
    Stream<DynamicTest> identityUpdateKeepsStateAndPendingMessages() {
        GuestRun run = GuestRun.boot(200_000_000L, GuestRun.system("lu_rs"), GuestRun.system("lu_svc"),
                GuestRun.system("lu_client"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("everyone_ends_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses()).as(run.context()).containsEntry("lu_rs", 0)
                    .containsEntry("lu_svc", 0).containsEntry("lu_client", 0);
        })));
    }
}
