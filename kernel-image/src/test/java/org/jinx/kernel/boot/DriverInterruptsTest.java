package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Guest drivers and hardware interrupts (spec 6.3). rtc_driver.c: the RTC's periodic interrupt,
 * port I/O by SYS_DEVIO, IRQ 8 through the slave 8259 as notifications from HARDWARE, the kernel
 * masking and acknowledging the line and the driver re-enabling it. scen_irq_bits.c: spec 7.21
 * with two real sources, IRQ 8 (notify id 3) twice and COM1's IRQ 4 (notify id 5) while the
 * driver is busy, coalesced into one message with interrupts = 0x28.
 */
class DriverInterruptsTest {
    @TestFactory
    Stream<DynamicTest> rtcInterruptsReachTheDriverAsHardwareNotifications() {
        GuestRun run = GuestRun.boot(100_000_000L, GuestRun.system("rtc_driver"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("the_driver_ends_cleanly", () ->
                assertThat(run.outcome.statuses()).as(run.context()).containsEntry("rtc_driver", 0))));
    }

    @TestFactory
    Stream<DynamicTest> interruptsFromTwoLinesBeforeOneReceiveArriveAsOneMessageWithBothBits() {
        GuestRun run = GuestRun.boot(100_000_000L, GuestRun.system("scen_irq_bits"));
        return Stream.concat(run.results(), Stream.of(DynamicTest.dynamicTest("the_two_line_driver_ends_cleanly", () ->
                assertThat(run.outcome.statuses()).as(run.context()).containsEntry("scen_irq_bits", 0))));
    }
}
