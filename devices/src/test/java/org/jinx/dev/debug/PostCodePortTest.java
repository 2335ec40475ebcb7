package org.jinx.dev.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostCodePortTest {
    @Test
    void eachCodeIsOneLineWithTwoHexDigits() {
        List<String> lines = new ArrayList<>();
        PostCodePort p = new PostCodePort(lines::add);
        p.write(0x80, 1, 0x05);
        p.write(0x190, 1, 0xAB);
        assertThat(lines).containsExactly("POST 05", "POST AB");
    }

    @Test
    void wideWriteShowsItsLowByte() {
        List<String> lines = new ArrayList<>();
        PostCodePort p = new PostCodePort(lines::add);
        p.write(0x80, 2, 0x1234);
        assertThat(lines).containsExactly("POST 34");
    }

    @Test
    void readReturnsTheLatchedCode() {
        PostCodePort p = new PostCodePort(s -> { });
        assertThat(p.read(0x80, 1)).isEqualTo(0xFF);
        p.write(0x80, 1, 0x42);
        assertThat(p.read(0x80, 1)).isEqualTo(0x42);
        assertThat(p.lastCode()).isEqualTo(0x42);
    }
}
