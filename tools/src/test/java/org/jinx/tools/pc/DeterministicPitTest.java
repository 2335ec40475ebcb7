package org.jinx.tools.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jinx.tools.cli.Main;
import org.junit.jupiter.api.Test;

/**
 * A protected-mode kernel (pit_ticks.S) programs the 8259As and the 8254 for 100 Hz and counts
 * IRQ 0 between two RTC updates: 100 ± 1 per virtual second, and the same count in every
 * --deterministic run.
 */
class DeterministicPitTest {
    private static String run(Path kernel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        int status = Main.run(new String[] {"pc", "--kernel", kernel.toString(), "--deterministic",
            "--serial", "none", "--timeout", "60"}, o, new PrintStream(PrintStream.nullOutputStream()), null);
        assertThat(status).as(out.toString()).isEqualTo(1);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void hundredHertzGivesAHundredTicksPerVirtualSecondInEveryRun() throws Exception {
        Path kernel = PcGuests.multibootKernel("pit_ticks");
        String first = run(kernel);
        String second = run(kernel);
        Matcher m = Pattern.compile("ticks: (\\d+)\n").matcher(first);
        assertThat(m.matches()).as(first).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isBetween(99, 101);
        assertThat(second).isEqualTo(first);
    }
}
