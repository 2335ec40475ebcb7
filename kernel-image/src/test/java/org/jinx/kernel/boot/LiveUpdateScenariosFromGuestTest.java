package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec 7's live-update scenarios 36, 37, 38, 42 and 43 from guest code (scen_live_update.c):
 * SYS_UPDATE's refusals, a forward swap that leaves the caller queue, the pending notification
 * the async hint and the alarm with the endpoint and the old image waiting for RS, the new instance
 * receiving all of it in order, and a rollback that drops the new instance's pending send.
 */
class LiveUpdateScenariosFromGuestTest {
    @TestFactory
    Stream<DynamicTest> slotSwapsAndRollbackFromGuestCode() {
        GuestRun run = GuestRun.boot(200_000_000L, GuestRun.system("scen_live_update"), GuestRun.system("scen_actor"),
                GuestRun.system("scen_actor"), GuestRun.system("scen_actor"), GuestRun.system("scen_actor"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("director_and_actors_end_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses().values()).as(run.context()).containsOnly(0);
        })));
    }
}
