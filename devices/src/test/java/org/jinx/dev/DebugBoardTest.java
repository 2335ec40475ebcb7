package org.jinx.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.bus.IoPortBus;
import org.junit.jupiter.api.Test;

class DebugBoardTest {
    private final Machine m = new Machine(1 << 20, 33_000_000L);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> post = new ArrayList<>();

    @Test
    void portsAnswerWhereQemuAndBochsPutThem() {
        new DebugBoard(m, console, post::add, 0x190);
        m.io.out(0xE9, 1, 'J');
        m.io.out(0x80, 1, 0x11);
        m.io.out(0x190, 1, 0x22);
        assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("J");
        assertThat(post).containsExactly("POST 11", "POST 22");
        assertThat(m.io.in(0xE9, 1)).isEqualTo(0xE9);
    }

    @Test
    void writeToExitPortAsksTheMachineToStop() {
        new DebugBoard(m, console, post::add, DebugBoard.NO_EXTRA_POST_PORT);
        m.io.out(0xF7, 1, 3);
        assertThat(m.exitStatus()).isEqualTo(7);
        assertThat(m.run(100)).isEqualTo(Machine.StopReason.EXIT_REQUESTED);
    }

    @Test
    void extraPostPortEqualTo80IsNotClaimedTwice() {
        new DebugBoard(m, console, post::add, 0x80);
        m.io.out(0x80, 1, 0x01);
        assertThat(post).containsExactly("POST 01");
    }

    @Test
    void extraPostPortOverAnotherDebugPortNamesBothOwners() {
        assertThatThrownBy(() -> new DebugBoard(m, console, post::add, 0xF5))
                .isInstanceOf(IoPortBus.PortConflictException.class)
                .hasMessageContaining("POST codes")
                .hasMessageContaining("debug exit");
    }
}
