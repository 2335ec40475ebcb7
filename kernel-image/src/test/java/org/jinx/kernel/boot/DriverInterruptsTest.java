package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A guest driver for the RTC's periodic interrupt (rtc_driver.c): port I/O by SYS_DEVIO, IRQ 8
 * through the slave 8259 as notifications from HARDWARE, the kernel masking and acknowledging the
 * line and the driver re-enabling it (spec 6.3).
 */
class DriverInterruptsTest {
    @TestFactory
    Stream<DynamicTest> rtcInterruptsReachTheDriverAsHardwareNotifications() {
        GuestRun run = GuestRun.boot(100_000_000L, GuestRun.system("rtc_driver"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("the_driver_ends_cleanly", () ->
                assertThat(run.outcome.statuses()).as(run.context()).containsEntry("rtc_driver", 0))));
    }
}
