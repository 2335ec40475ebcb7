package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RspWireTest {
    private static String frame(String data) {
        return new String(RspWire.frame(data), StandardCharsets.ISO_8859_1);
    }

    @Test
    void checksumIsTheSumOfTheDataModulo256() {
        assertThat(frame("OK")).isEqualTo("$OK#9a");
        assertThat(frame("")).isEqualTo("$#00");
    }

    @Test
    void reservedBytesAreEscapedAndTheChecksumCoversTheEscapes() {
        // '}' -> "}]", '*' -> "}\n": sum = '}'+']'+'}'+'\n'
        int sum = ('}' + ']' + '}' + '\n') & 0xFF;
        assertThat(frame("}*")).isEqualTo("$}]}\n#" + String.format("%02x", sum));
        assertThat(frame("#$")).startsWith("$}\u0003}\u0004#");
    }
}
