package org.jinx.tools.lockstep;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The long run: every CPU test program of emulator-core in lockstep with QEMU, end to end.
 * Too slow for every build (several minutes: each instruction is two gdb round trips), so it
 * runs only when asked:
 * {@code mvn -pl tools test -Djinx.lockstep=all -Dtest=GuestLockstepAllTest}.
 */
@EnabledIfSystemProperty(named = "jinx.lockstep", matches = "all")
class GuestLockstepAllTest {
    static List<String> programs() throws IOException {
        return TestRoms.guestPrograms();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void runsInLockstepWithQemu(String program) throws Exception {
        GuestLockstep.runAndCheck(program);
    }
}
