package org.jinx.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guest programs against the reference: each passes under qemu-system-i386 (so a failure
 * on Jinx is Jinx's), and Jinx gives the same exit status and the same port 0xE9 text, line
 * for line. Skipped where QEMU is not installed.
 */
class QemuCrossCheckTest {
    static List<String> programs() throws IOException {
        return GuestPrograms.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void passesUnderQemu(String program) throws Exception {
        QemuGuestRunner.Result q = runQemu(program);
        String context = program + " under QEMU: status " + q.exitStatus() + System.lineSeparator()
                + q.output() + q.stderr();
        assertThat(q.output()).as(context).doesNotContain("FAIL").contains("summary:");
        assertThat(q.exitStatus()).as(context).isEqualTo(GuestProgramTest.PASS_STATUS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void jinxMatchesQemu(String program) throws Exception {
        QemuGuestRunner.Result q = runQemu(program);
        JinxGuestRunner.Result j = JinxGuestRunner.run(GuestPrograms.rom(program));
        String context = program + System.lineSeparator()
                + "QEMU: exit status " + q.exitStatus() + "; Jinx: " + j.describe() + System.lineSeparator()
                + firstDifference(q.output(), j.output()) + System.lineSeparator()
                + "--- Jinx CPU ---" + System.lineSeparator() + j.cpuDump();
        assertThat(j.output()).as(context).isEqualTo(q.output());
        assertThat(j.exited()).as(context).isTrue();
        assertThat(j.exitStatus()).as(context).isEqualTo(q.exitStatus());
    }

    private static QemuGuestRunner.Result runQemu(String program) throws IOException, InterruptedException {
        assumeTrue(QemuGuestRunner.available(), QemuGuestRunner.QEMU + " is not installed");
        GuestPrograms.rom(program);
        return QemuGuestRunner.run(GuestPrograms.OUT_DIR.resolve(program + ".bin"));
    }

    /** The first line where the two outputs part, with its number. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of output>";
            String al = i < a.length ? a[i] : "<end of output>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + ":" + System.lineSeparator()
                        + "  QEMU: " + el + System.lineSeparator() + "  Jinx: " + al;
            }
        }
        return "outputs are identical";
    }
}
