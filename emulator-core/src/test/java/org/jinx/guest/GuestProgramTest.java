package org.jinx.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every self-checking guest program in {@code src/test/guest} runs to completion on Jinx and
 * reports no failed check. A program passes when it exits through port 0xF4 with 0 (status 1);
 * its own report lines say which check failed.
 */
class GuestProgramTest {
    static final int PASS_STATUS = 1;

    static List<String> programs() throws IOException {
        return GuestPrograms.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void passesEveryCheckOnJinx(String program) throws Exception {
        JinxGuestRunner.Result r = JinxGuestRunner.run(GuestPrograms.rom(program));
        String context = program + ": " + r.describe() + System.lineSeparator()
                + "--- port E9 output ---" + System.lineSeparator() + r.output()
                + System.lineSeparator() + "--- CPU ---" + System.lineSeparator() + r.cpuDump();
        assertThat(r.exited()).as(context).isTrue();
        assertThat(r.output()).as(context).doesNotContain("FAIL").contains("summary:");
        assertThat(r.exitStatus()).as(context).isEqualTo(PASS_STATUS);
    }
}
