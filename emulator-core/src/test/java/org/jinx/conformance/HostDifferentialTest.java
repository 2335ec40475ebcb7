package org.jinx.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs random user-level instruction sequences on the host processor and in Jinx and requires
 * the same registers, defined flags, memory and exceptions (see {@link HostDiff} and
 * docs/cpu-conformance.md). A fixed seed keeps {@code mvn verify} repeatable; the properties
 * {@code hostdiff.seed} and {@code hostdiff.count} choose others. Skipped where the host cannot
 * build or run 32-bit x86 programs.
 */
class HostDifferentialTest {
    private static final long SEED = Long.getLong("hostdiff.seed", 386L);
    private static final long COUNT = Long.getLong("hostdiff.count", 3000L);

    private static Runner runner;
    private static String unavailable;

    @BeforeAll
    static void openHost() {
        try {
            runner = new Runner(NativeHost.open());
        } catch (NativeHost.Unavailable e) {
            unavailable = e.getMessage();
        }
    }

    @AfterAll
    static void closeHost() {
        if (runner != null) {
            runner.close();
        }
    }

    private static void assumeHost() {
        Assumptions.assumeTrue(runner != null, () -> "host processor not usable: " + unavailable);
    }

    @Test
    void jinxAgreesWithTheHostOnRandomSequences() {
        assumeHost();
        HostDiff.Summary s = HostDiff.run(runner, SEED, COUNT, 1000, 10, null);
        System.out.printf("seed %d: %d cases in %.1f s (%.0f cases/s), %d failed%n", SEED, s.cases, s.seconds, s.rate(),
                s.failed);
        assertThat(s.failed).as("cases that differ (seed %d), shrunk:%n%s", SEED, String.join("\n", s.reports.values()))
                .isZero();
    }

    /** The oracle is live: a result Jinx got wrong on purpose is reported, with the field that differs. */
    @Test
    void aWrongResultIsReported() {
        assumeHost();
        TestCase tc = TestCase.parse("mem=1 eax=5 esp=00201800 eflags=202 code=83c003"); // add eax, 3
        Outcome host = runner.check(List.of(tc)).get(0).host;
        assertThat(host.regs[0]).isEqualTo(8);
        Outcome wrong = new Outcome();
        System.arraycopy(host.regs, 0, wrong.regs, 0, 8);
        wrong.regs[0] = 9;
        wrong.eip = host.eip;
        wrong.eflags = host.eflags;
        assertThat(Comparison.compare(tc, host, wrong)).extracting(Comparison.Mismatch::field).containsExactly("EAX");
    }

    /** A divide error is a signal on the host and an exception in Jinx: the two must be matched up. */
    @Test
    void aDivideErrorIsTheSameEventInBothWorlds() {
        assumeHost();
        TestCase tc = TestCase.parse("mem=1 ecx=0 esp=00201800 eflags=202 code=f7f1"); // div ecx
        Runner.Verdict v = runner.check(List.of(tc)).get(0);
        assertThat(v.host.vector).isZero();
        assertThat(v.host.eip).isEqualTo(Layout.CODE);
        assertThat(v.mismatches).isEmpty();
    }
}
