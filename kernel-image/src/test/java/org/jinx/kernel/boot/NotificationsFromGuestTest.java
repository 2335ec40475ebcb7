package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec 7's notification scenarios 19, 20 and 22 from guest code (scen_notifications.c): five
 * notifies coalesce into one message, a receive from ANY takes pending notifications lowest
 * priv id first and queued sends after them, and NOTIFY to oneself is denied. Interrupt
 * notifications (21) come from guest code in {@link DriverInterruptsTest}.
 */
class NotificationsFromGuestTest {
    @TestFactory
    Stream<DynamicTest> notificationsCoalesceAndComeFirstByPrivId() {
        GuestRun run = GuestRun.boot(100_000_000L, GuestRun.system("scen_notifications"), GuestRun.system("scen_actor"),
                GuestRun.system("scen_actor"), GuestRun.system("scen_actor"), GuestRun.system("scen_actor"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("director_and_actors_end_cleanly", () -> {
            assertThat(run.outcome.end()).as(run.context()).isEqualTo(HostedSystem.End.ALL_EXITED);
            assertThat(run.outcome.statuses().values()).as(run.context()).containsOnly(0);
        })));
    }
}
