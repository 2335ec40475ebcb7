package org.jinx.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.bus.IoPortBus;
import org.jinx.dev.disk.MemoryDisk;
import org.jinx.dev.uart.MemorySerialEndpoint;
import org.junit.jupiter.api.Test;

/** What PcPlatform adds beside the chips: the debug ports, the secondary ATA channel, a clean stop. */
class PcBoardLayoutTest {
    private static Machine machine() {
        return new Machine(1 << 20, 33_000_000L);
    }

    @Test
    void debugPortsAreOnTheBoard() {
        Machine m = machine();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<String> post = new ArrayList<>();
        PcPlatform pc = new PcPlatform(m, PcPlatform.Options.defaults()
                .withDebugPorts(new PcPlatform.DebugPorts(console, post::add, 0x190)));
        for (char c : "hi\n".toCharArray()) {
            m.io.out(0xE9, 1, c);
        }
        pc.debugConsole.flush();
        m.io.out(0x80, 1, 0x12);
        m.io.out(0x190, 1, 0x34);
        m.io.out(0xF4, 1, 0x05);
        assertThat(console.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hi\n");
        assertThat(post).hasSize(2);
        assertThat(pc.exit.written()).isTrue();
        assertThat(m.exitStatus()).isEqualTo(11);
    }

    @Test
    void extraPostPortOnAChipsPortIsRefusedNamingBoth() {
        Machine m = machine();
        assertThatThrownBy(() -> new PcPlatform(m, PcPlatform.Options.defaults()
                .withDebugPorts(new PcPlatform.DebugPorts(ByteArrayOutputStream.nullOutputStream(), s -> { }, 0x61))))
                .isInstanceOf(IoPortBus.PortConflictException.class)
                .hasMessageContaining("system control port B").hasMessageContaining("POST codes");
    }

    @Test
    void secondaryChannelAnswersAt170WithIrq15() {
        Machine m = machine();
        MemoryDisk disk = new MemoryDisk(16);
        disk.data()[2 * 512] = 0x5A;
        new PcPlatform(m, PcPlatform.Options.deterministicRun().withSecondaryAtaDisks(disk, null));
        m.io.out(0x20, 1, 0x11);
        m.io.out(0x21, 1, 0x08);
        m.io.out(0x21, 1, 0x04);
        m.io.out(0x21, 1, 0x01);
        m.io.out(0xA0, 1, 0x11);
        m.io.out(0xA1, 1, 0x70);
        m.io.out(0xA1, 1, 0x02);
        m.io.out(0xA1, 1, 0x01);
        m.io.out(0x21, 1, 0xFB);
        m.io.out(0xA1, 1, 0x7F); // IRQ 15 only
        m.io.out(0x172, 1, 1);
        m.io.out(0x173, 1, 2);
        m.io.out(0x174, 1, 0);
        m.io.out(0x175, 1, 0);
        m.io.out(0x176, 1, 0xE0);
        m.io.out(0x177, 1, 0x20);
        assertThat(m.cpu.pic.intrPending()).isTrue();
        assertThat(m.cpu.pic.acknowledge()).isEqualTo(0x77);
        assertThat(m.io.in(0x170, 2)).isEqualTo(0x5A);
        assertThat(m.io.in(0x1F7, 1)).as("nothing on the primary channel").isZero();
    }

    @Test
    void uartHandsOverWhatItStillHadToSendWhenTheMachineStops() {
        Machine m = machine();
        MemorySerialEndpoint line = new MemorySerialEndpoint();
        PcPlatform pc = new PcPlatform(m, PcPlatform.Options.deterministicRun().withSerial(line,
                org.jinx.dev.uart.SerialEndpoint.NULL));
        m.io.out(0x3FA, 1, 0x07); // FIFOs on
        for (char c : "bye\r\n".toCharArray()) {
            m.io.out(0x3F8, 1, c);
        }
        assertThat(line.outputText()).as("still shifting out").isEmpty();
        pc.com1.drainTransmitter();
        assertThat(line.outputText()).isEqualTo("bye\r\n");
    }
}
