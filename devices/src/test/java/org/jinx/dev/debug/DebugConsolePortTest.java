package org.jinx.dev.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DebugConsolePortTest {
    @Test
    void eachByteWrittenReachesTheSink() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DebugConsolePort p = new DebugConsolePort(out);
        for (byte b : "Jinx\n".getBytes(StandardCharsets.US_ASCII)) {
            p.write(0xE9, 1, b);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("Jinx\n");
        assertThat(p.bytesWritten()).isEqualTo(5);
    }

    @Test
    void onlyTheLowByteOfAWideWriteIsACharacter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DebugConsolePort p = new DebugConsolePort(out);
        p.write(0xE9, 2, 0x4241);
        p.write(0xE9, 4, 0x44434243);
        assertThat(out.toByteArray()).containsExactly('A', 'C');
    }

    @Test
    void readReturnsE9AsBochsDoes() {
        DebugConsolePort p = new DebugConsolePort(new ByteArrayOutputStream());
        assertThat(p.read(0xE9, 1)).isEqualTo(0xE9);
        assertThat(p.read(0xE9, 2) & 0xFF).isEqualTo(0xE9);
    }

    @Test
    void newlineFlushesTheSink() {
        int[] flushes = {0};
        FilterOutputStream counting = new FilterOutputStream(new ByteArrayOutputStream()) {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        DebugConsolePort p = new DebugConsolePort(counting);
        p.write(0xE9, 1, 'x');
        assertThat(flushes[0]).isZero();
        p.write(0xE9, 1, '\n');
        assertThat(flushes[0]).isEqualTo(1);
    }
}
