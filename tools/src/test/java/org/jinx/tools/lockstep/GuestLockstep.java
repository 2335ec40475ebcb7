package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one CPU test program in lockstep to its end and checks the outcome: no unexplained
 * divergence, both sides exit with the pass status at the same instruction, the same port
 * 0xE9 text on both, and no line of it reporting a failed check.
 */
final class GuestLockstep {
    /** isa-debug-exit status of a program whose checks all passed. */
    static final int PASS_STATUS = 1;

    private GuestLockstep() {
    }

    static LockstepResult runAndCheck(String program) throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.guest(program), Lockstep.Options.defaults());
        System.out.println(r.summary());
        String context = r.summary() + System.lineSeparator() + (r.divergence() != null ? r.divergence() : "");
        assertThat(r.divergence()).as(context).isNull();
        assertThat(r.end()).as(context).isEqualTo(LockstepResult.End.EXITED);
        assertThat(r.jinxStatus()).as(context).isEqualTo(PASS_STATUS);
        assertThat(r.qemuStatus()).as(context).isEqualTo(PASS_STATUS);
        assertThat(r.jinxOutput()).as(context).isEqualTo(r.qemuOutput()).contains("summary:").doesNotContain("FAIL");
        return r;
    }
}
