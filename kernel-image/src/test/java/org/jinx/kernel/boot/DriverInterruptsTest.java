package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jinx.kernel.KernelTrap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Guest drivers and hardware interrupts (spec 6.3). rtc_driver.c: the RTC's periodic interrupt,
 * port I/O by SYS_DEVIO, IRQ 8 through the slave 8259 as notifications from HARDWARE, the kernel
 * masking and acknowledging the line and the driver re-enabling it. scen_irq_bits.c: spec 7.21
 * with two real sources, IRQ 8 (notify id 3) twice and COM1's IRQ 4 (notify id 5) while the
 * driver is busy, coalesced into one message with interrupts = 0x28; the CPU's trap sink counts
 * the firings the driver cannot see.
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
        Map<Integer, Integer> byVector = new HashMap<>();
        GuestRun run = GuestRun.bootCountingInterrupts(100_000_000L, byVector, GuestRun.system("scen_irq_bits"));
        return Stream.concat(run.results(), Stream.of(
                DynamicTest.dynamicTest("irq_8_reaches_the_kernel_exactly_twice", () ->
                        assertThat(byVector.getOrDefault(KernelTrap.IRQ8_VECTOR, 0)).as(run.context()).isEqualTo(2)),
                DynamicTest.dynamicTest("irq_4_reaches_the_kernel_exactly_once", () ->
                        assertThat(byVector.getOrDefault(KernelTrap.IRQ0_VECTOR + 4, 0)).as(run.context()).isEqualTo(1)),
                DynamicTest.dynamicTest("the_two_line_driver_ends_cleanly", () ->
                        assertThat(run.outcome.statuses()).as(run.context()).containsEntry("scen_irq_bits", 0))));
    }
}
