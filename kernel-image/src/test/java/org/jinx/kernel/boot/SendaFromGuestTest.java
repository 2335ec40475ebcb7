package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec 7's SENDA scenarios 23-29, 31 and 32 from guest code (scen_senda.c): an actor's asynmsg
 * table, filled entry by entry on the director's command, delivered at once or left pending,
 * bad entries, AMF_NOREPLY against a SENDREC, table order, a receiver's death, and a fixed-seed
 * random interleaving of entries, receives and deaths that must strand no message.
 */
class SendaFromGuestTest {
    @TestFactory
    Stream<DynamicTest> asynchronousSendsFromGuestCode() {
        GuestRun run = GuestRun.boot(400_000_000L, GuestRun.system("scen_senda"), GuestRun.system("scen_actor"),
                GuestRun.system("scen_actor"), GuestRun.system("scen_actor"), GuestRun.system("scen_actor"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("director_and_actors_end_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses().values()).as(run.context()).containsOnly(0);
        })));
    }
}
