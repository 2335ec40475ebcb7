package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec 7's synchronous scenarios 2-5 and 8-18 from guest code, through the real trap path
 * (scen_rendezvous.c): trap validation, rendezvous, the FIFO caller queue, SENDNB, SENDREC and
 * its reply phase, deadlock detection and endpoint death. The director commands four actors
 * (scen_actor.c, endpoints 1-4) one call at a time and reads their kernel state with
 * SYS_GETINFO; a user process (scen_user.c) checks the mask-before-trap order.
 */
class SyncRendezvousFromGuestTest {
    @TestFactory
    Stream<DynamicTest> rendezvousQueuesDeadlocksAndDeathFromGuestCode() {
        GuestRun run = GuestRun.boot(300_000_000L, GuestRun.system("scen_rendezvous"), GuestRun.system("scen_actor"),
                GuestRun.system("scen_actor"), GuestRun.system("scen_actor"), GuestRun.system("scen_actor"),
                GuestRun.user("scen_user"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("director_and_actors_end_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            // Statuses are keyed by program name, so the four actors share one entry.
            assertThat(run.outcome.statuses()).as(run.context()).containsOnlyKeys("scen_rendezvous", "scen_actor");
            assertThat(run.outcome.statuses().values()).as(run.context()).containsOnly(0);
        })));
    }
}
