package org.jinx.cpu.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpcodeTableTest {
    @Test
    void everyRowHasAHandler() {
        assertThat(OpcodeTable.rows()).allSatisfy(r -> assertThat(r.handler).as(r.toString()).isNotNull());
    }

    @Test
    void prefixesAndEscapeAreNotRows() {
        for (int p : OpcodeTable.PREFIXES) {
            assertThat(OpcodeTable.oneByte(p)).isNull();
        }
        assertThat(OpcodeTable.oneByte(0x0F)).isNull();
    }
}
