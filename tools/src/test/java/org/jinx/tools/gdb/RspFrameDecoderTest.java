package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Framing of gdb's byte stream, pushed through an EmbeddedChannel in whole and in pieces. */
class RspFrameDecoderTest {
    private final EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder());

    private List<Object> feed(String latin1) {
        ch.writeInbound(Unpooled.wrappedBuffer(latin1.getBytes(StandardCharsets.ISO_8859_1)));
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static String text(Object m) {
        assertThat(m).isInstanceOf(RspMessage.Packet.class);
        return ((RspMessage.Packet) m).text();
    }

    @Test
    void packetWithItsChecksum() {
        List<Object> out = feed("$qSupported#37");
        assertThat(out).hasSize(1);
        assertThat(text(out.get(0))).isEqualTo("qSupported");
        assertThat(((RspMessage.Packet) out.get(0)).checksumOk()).isTrue();
    }

    @Test
    void checksumDigitsMayBeUppercase() {
        assertThat(((RspMessage.Packet) feed("$OK#9A").get(0)).checksumOk()).isTrue();
    }

    @Test
    void wrongOrNonHexChecksumIsFlagged() {
        assertThat(((RspMessage.Packet) feed("$g#68").get(0)).checksumOk()).isFalse();
        assertThat(((RspMessage.Packet) feed("$g#zz").get(0)).checksumOk()).isFalse();
    }

    @Test
    void packetArrivingOneByteAtATime() {
        String wire = "$m100000,4#f5";
        List<Object> out = new ArrayList<>();
        for (char c : wire.toCharArray()) {
            out.addAll(feed(String.valueOf(c)));
        }
        assertThat(out).hasSize(1);
        assertThat(text(out.get(0))).isEqualTo("m100000,4");
    }

    @Test
    void acksNacksAndTheInterruptByteBetweenPackets() {
        List<Object> out = feed("+$?#3f-\u0003+");
        assertThat(out).hasSize(5);
        assertThat(out.get(0)).isInstanceOf(RspMessage.Ack.class);
        assertThat(text(out.get(1))).isEqualTo("?");
        assertThat(out.get(2)).isInstanceOf(RspMessage.Nack.class);
        assertThat(out.get(3)).isInstanceOf(RspMessage.Interrupt.class);
        assertThat(out.get(4)).isInstanceOf(RspMessage.Ack.class);
    }

    @Test
    void escapedBytesAreRestoredAndTheChecksumCoversTheEscapedForm() {
        // X data: 0x23 '#', 0x24 '$', 0x7d '}', 0x2a '*', each sent as } and the byte ^ 0x20.
        String data = "X0,4:}\u0003}\u0004}]}\n";
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        List<Object> out = feed("$" + data + "#" + String.format("%02x", sum & 0xFF));
        RspMessage.Packet p = (RspMessage.Packet) out.get(0);
        assertThat(p.checksumOk()).isTrue();
        assertThat(p.text()).isEqualTo("X0,4:#$}*");
    }

    @Test
    void runLengthEncodingIsExpanded() {
        // "0* " = '0' and ' ' (32) - 29 = 3 more: "0000".
        List<Object> out = feed("$0* #" + String.format("%02x", ('0' + '*' + ' ') & 0xFF));
        assertThat(text(out.get(0))).isEqualTo("0000");
    }

    @Test
    void runLengthWithNothingToRepeatIsMalformed() {
        List<Object> out = feed("$* #" + String.format("%02x", ('*' + ' ') & 0xFF));
        assertThat(out.get(0)).isInstanceOf(RspMessage.Malformed.class);
    }

    @Test
    void garbageBetweenPacketsIsDropped() {
        List<Object> out = feed("hello\r\n$?#3f");
        assertThat(out).hasSize(1);
        assertThat(text(out.get(0))).isEqualTo("?");
    }

    @Test
    void aDollarInsideAPacketStartsANewOne() {
        List<Object> out = feed("$m10$g#67");
        assertThat(out).hasSize(1);
        assertThat(text(out.get(0))).isEqualTo("g");
    }

    @Test
    void overlongPacketIsMalformedAndTheNextOneStillDecodes() {
        String big = "$" + "a".repeat(RspFrameDecoder.MAX_RAW + 10) + "#00";
        List<Object> out = feed(big + "$?#3f");
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(RspMessage.Malformed.class);
        assertThat(text(out.get(1))).isEqualTo("?");
    }

    @Test
    void everyFramedReplyDecodesBackToItsData() {
        Random r = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[r.nextInt(64)];
            r.nextBytes(b);
            String data = new String(b, StandardCharsets.ISO_8859_1);
            List<Object> out = feed(new String(RspWire.frame(data), StandardCharsets.ISO_8859_1));
            assertThat(out).hasSize(1);
            RspMessage.Packet p = (RspMessage.Packet) out.get(0);
            assertThat(p.checksumOk()).isTrue();
            assertThat(p.text()).isEqualTo(data);
        }
    }
}
