package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cpu-lockstep.md shows the deviation table to readers: every entry of the enum is in it. */
class LockstepDocTest {
    private static final Path DOC = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../docs/cpu-lockstep.md").normalize();

    @Test
    void everyKnownDeviationHasARowInTheDocumentation() throws IOException {
        String doc = Files.readString(DOC);
        for (QemuDeviation d : QemuDeviation.values()) {
            String handling = d.handling.name().toLowerCase().replace('_', ' ');
            assertThat(doc).as(d.name()).containsPattern("(?i)\\| `" + d.name() + "` \\| " + d.kind.name().toLowerCase()
                    + " \\| " + handling + " \\|");
        }
    }
}
