package org.jinx.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.bus.IoPortHandler;
import org.junit.jupiter.api.Test;

/**
 * Runs the third-party CPU test ROM test386.asm (built by hand, see docs/cpu-test386.md) from
 * the reset vector and checks that it reaches its final POST code FFh, and, when a reference
 * dump is given, that the arithmetic/logic results it prints at POST EEh match it line for line.
 * The ROM is GPL code that is not ours and is not in the repository, so CI cannot run this:
 * without {@code JINX_TEST386} the test is skipped.
 *
 * <p>Environment: {@code JINX_TEST386} is the 64 KiB (or 128 KiB) binary, configured to write
 * POST codes to port 190h and its results to port E9h; {@code JINX_TEST386_REFERENCE} is
 * optional, the {@code test386-EE-reference.txt} of the same test386 version.
 */
class ThirdPartyRomTest {
    private static final int POST_PORT = 0x190;
    private static final int OUT_PORT = 0xE9;
    private static final long MAX_INSTRUCTIONS = 1_000_000_000L;
    private static final int MAX_DIFFS_SHOWN = 20;

    @Test
    void test386ReachesPostFfWithTheReferenceResults() throws IOException, BootException {
        String rom = System.getenv("JINX_TEST386");
        assumeTrue(rom != null && !rom.isBlank(),
                "JINX_TEST386 is not set: build test386.asm by hand (docs/cpu-test386.md) to run this test");

        Machine m = new Machine(32 << 20, 33_000_000L);
        List<Integer> posts = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.io.register(POST_PORT, 1, writeOnly(v -> posts.add(v)), "test POST port");
        m.io.register(OUT_PORT, 1, writeOnly(out::write), "test output port");
        BiosImage.load(Path.of(rom)).install(m.mem);

        Machine.StopReason reason = m.run(MAX_INSTRUCTIONS);

        assertThat(posts).as("POST codes (stopped: %s at EIP %08X)", reason, m.cpu.eip)
                .isNotEmpty()
                .last().isEqualTo(0xFF);
        String ref = System.getenv("JINX_TEST386_REFERENCE");
        if (ref != null && !ref.isBlank()) {
            List<String> expected = Files.readAllLines(Path.of(ref), StandardCharsets.ISO_8859_1);
            List<String> actual = out.toString(StandardCharsets.ISO_8859_1).lines().toList();
            assertThat(differences(expected, actual)).as("lines that differ from %s", ref).isEmpty();
        }
    }

    /** Line-by-line differences, at most {@link #MAX_DIFFS_SHOWN}, plus a count line for the rest. */
    private static List<String> differences(List<String> expected, List<String> actual) {
        List<String> diffs = new ArrayList<>();
        int n = Math.max(expected.size(), actual.size());
        int total = 0;
        for (int i = 0; i < n; i++) {
            String e = i < expected.size() ? expected.get(i) : "<missing>";
            String a = i < actual.size() ? actual.get(i) : "<missing>";
            if (!e.equals(a)) {
                total++;
                if (diffs.size() < MAX_DIFFS_SHOWN) {
                    diffs.add(String.format("line %d: expected [%s] got [%s]", i + 1, e, a));
                }
            }
        }
        if (total > diffs.size()) {
            diffs.add((total - diffs.size()) + " more differing lines");
        }
        return diffs;
    }

    private interface ByteSink {
        void accept(int value);
    }

    private static IoPortHandler writeOnly(ByteSink sink) {
        return new IoPortHandler() {
            @Override
            public int read(int port, int size) {
                return -1;
            }

            @Override
            public void write(int port, int size, int value) {
                sink.accept(value & 0xFF);
            }
        };
    }
}
