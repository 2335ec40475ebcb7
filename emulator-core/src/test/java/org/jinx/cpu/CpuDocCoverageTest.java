package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinx.cpu.decode.CoverageTable;
import org.junit.jupiter.api.Test;

/**
 * docs/cpu.md carries the instruction coverage table generated from the opcode table; this
 * fails when the two have drifted apart, and says how to regenerate the table.
 */
class CpuDocCoverageTest {
    private static final String HOW = "docs/cpu.md is out of date with OpcodeTable; regenerate it from the "
            + "repository root with: mvn -B -q install -DskipTests -pl emulator-core && "
            + "java -cp emulator-core/target/classes org.jinx.cpu.decode.CoverageTable docs/cpu.md";

    private static Path doc() {
        // Surefire runs in the module directory and names it in "basedir".
        return Path.of(System.getProperty("basedir", ".")).resolve("../docs/cpu.md").normalize();
    }

    @Test
    void coverageTableInTheDocMatchesTheOpcodeTable() throws IOException {
        Path doc = doc();
        assertThat(doc).as("the CPU design page").exists();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String table = CoverageTable.extractFrom(text);
        assertThat(table).as("the generated-table markers in %s", doc).isNotNull();
        assertThat(table).as(HOW).isEqualTo(CoverageTable.markdown());
    }

    @Test
    void theTableHasALinePerRow() {
        String md = CoverageTable.markdown();
        long lines = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Opcode")).count();
        assertThat(lines).isEqualTo(org.jinx.cpu.decode.OpcodeTable.rows().size());
        assertThat(md).contains("| 0F 01 /2 | LGDT | Ms | CPL 0 |");
    }
}
