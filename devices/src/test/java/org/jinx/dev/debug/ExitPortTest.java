package org.jinx.dev.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitPortTest {
    @Test
    void valueMapsToTwiceItPlusOne() {
        List<Integer> statuses = new ArrayList<>();
        ExitPort p = new ExitPort(statuses::add);
        p.write(0xF4, 1, 0);
        p.write(0xF4, 1, 0x21);
        assertThat(statuses).containsExactly(1, 0x43);
        assertThat(p.lastValue()).isEqualTo(0x21);
        assertThat(p.written()).isTrue();
    }

    @Test
    void writeWidthDecidesHowMuchOfTheValueCounts() {
        List<Integer> statuses = new ArrayList<>();
        ExitPort p = new ExitPort(statuses::add);
        p.write(0xF4, 1, 0x1234);
        p.write(0xF6, 2, 0xFFFF0002);
        p.write(0xF4, 4, 0x100);
        assertThat(statuses).containsExactly(0x69, 5, 0x201);
    }

    @Test
    void nothingIsRequestedBeforeAWrite() {
        List<Integer> statuses = new ArrayList<>();
        ExitPort p = new ExitPort(statuses::add);
        p.read(0xF4, 1);
        assertThat(statuses).isEmpty();
        assertThat(p.written()).isFalse();
    }
}
