package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SEF library's live-update state machine against an RS-like server, through the real trap
 * path (rs_lite.c, sef_svc.c, sef_peer.c; spec 5.3-5.5): scenarios 45 (a NOREPLY prepare during
 * a SENDREC to RS, and the contrast without NOREPLY), 46 (cancel before and after prepare-done),
 * 47 (a second prepare) and 48 (a whitelist of RS and CLOCK during prepare), and two complete
 * live updates with state transfer through grant 0; and a start as a restart (sef_restarted.c).
 */
class SefLiveUpdateTest {
    @TestFactory
    Stream<DynamicTest> sefPrepareCancelAndSwapWithRsLite() {
        GuestRun run = GuestRun.boot(600_000_000L, GuestRun.system("sef_svc"), GuestRun.system("sef_peer"),
                GuestRun.system("rs_lite"), GuestRun.system("sef_restarted"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("everyone_ends_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses()).as(run.context()).containsEntry("sef_svc", 0)
                    .containsEntry("sef_peer", 0).containsEntry("rs_lite", 0).containsEntry("sef_restarted", 0);
        })));
    }
}
