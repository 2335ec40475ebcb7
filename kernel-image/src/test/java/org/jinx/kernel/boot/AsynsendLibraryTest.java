package org.jinx.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guest library's asynsend (spec 4.8) against the kernel, scenarios 33-35: a full table,
 * compaction, asyn_geterror, unregistering with entries pending and senda_reload.
 */
class AsynsendLibraryTest {
    @TestFactory
    Stream<DynamicTest> asynsendTableFillsCompactsUnregistersAndReloads() {
        GuestRun run = GuestRun.boot(400_000_000L,
                GuestRun.system("asyn_sender"), GuestRun.system("asyn_sink"), GuestRun.system("asyn_flood"));
        return Stream.concat(run.results(), Stream.of(
                DynamicTest.dynamicTest("a_table_full_of_pending_messages_panics_msgtable_full", () -> {
                    assertThat(run.outcome.statuses()).as(run.context()).containsEntry("asyn_flood", 255);
                    assertThat(run.console).contains("panic: asynsend: msgtable full")
                            .doesNotContain("the 513th asynsend returned");
                }),
                DynamicTest.dynamicTest("sender_and_sink_end_cleanly", () ->
                        assertThat(run.outcome.statuses()).as(run.context()).containsEntry("asyn_sender", 0)
                                .containsEntry("asyn_sink", 0))));
    }
}
