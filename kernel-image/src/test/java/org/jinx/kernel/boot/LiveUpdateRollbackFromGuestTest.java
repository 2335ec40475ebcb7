package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec 7's rollback scenarios 40, 41 and 49 from guest code (scen_lu_rollback.c): a rollback
 * before the new instance's senda_reload (the receiver whose hint was lost gets the message
 * exactly once), a rollback after it delivered an entry (not delivered again: Jinx's deliberate
 * divergence from shipped MINIX, a flag in the program), and a forward swap and rollback with no
 * IPC between, which leave every slot-bound field as it was and every image-bound one with its
 * image, but for the union of send rights.
 */
class LiveUpdateRollbackFromGuestTest {
    @TestFactory
    Stream<DynamicTest> rollbacksFromGuestCode() {
        GuestRun run = GuestRun.boot(200_000_000L, GuestRun.system("scen_lu_rollback"), GuestRun.system("scen_actor"),
                GuestRun.system("scen_actor"), GuestRun.system("scen_actor"), GuestRun.system("scen_actor"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("director_and_actors_end_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses().values()).as(run.context()).containsOnly(0);
        })));
    }
}
