package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The packet layer of the RSP client: framing and checksums as the GDB manual defines them,
 * the stub-side encodings it must undo ({@code }} escapes, run-length encoding), and the
 * acknowledgement exchange, driven over in-memory streams holding what a stub would send.
 */
class RspFramingTest {
    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void framesWithTheModulo256SumAsTwoLowerCaseHexDigits() {
        // 'g' is 0x67; "qSupported" sums to 0x437, so its checksum is 37.
        assertThat(ascii(RspClient.frame("g"))).isEqualTo("$g#67");
        assertThat(ascii(RspClient.frame("qSupported"))).isEqualTo("$qSupported#37");
        assertThat(ascii(RspClient.frame(""))).isEqualTo("$#00");
    }

    @Test
    void checksumWrapsAndCountsBytesUnsigned() {
        assertThat(RspClient.checksum(new byte[] {(byte) 0xFF, 0x02})).isEqualTo(0x01);
    }

    @Test
    void decodesEscapedBytes() {
        // '}' followed by c means c ^ 0x20: "}]" is '}' and "}\x03" is '#'.
        assertThat(RspClient.decode(bytes("a}]b}\u0003c"))).isEqualTo("a}b#c");
    }

    @Test
    void expandsRunLengthEncoding() {
        // "0* " means '0' and then 0x20 - 29 = 3 more copies.
        assertThat(RspClient.decode(bytes("0* 1"))).isEqualTo("00001");
    }

    @Test
    void requestWaitsForTheAckSkipsStrayAcksAndAcknowledgesTheReply() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        RspClient c = new RspClient(new ByteArrayInputStream(bytes("+++$OK#9a")), sent);
        assertThat(c.request("Hg0")).isEqualTo("OK");
        assertThat(ascii(sent.toByteArray())).isEqualTo("$Hg0#df+");
    }

    @Test
    void resendsAPacketTheStubRejected() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        RspClient c = new RspClient(new ByteArrayInputStream(bytes("-+$T05#b9")), sent);
        assertThat(c.request("s")).isEqualTo("T05");
        assertThat(ascii(sent.toByteArray())).isEqualTo("$s#73$s#73+");
    }

    @Test
    void rejectsAReplyWithABadChecksumAndTakesTheResentOne() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        RspClient c = new RspClient(new ByteArrayInputStream(bytes("+$OK#00$OK#9a")), sent);
        assertThat(c.request("g")).isEqualTo("OK");
        assertThat(ascii(sent.toByteArray())).isEqualTo("$g#67-+");
    }

    @Test
    void aClosedConnectionIsReportedAsSuch() {
        RspClient c = new RspClient(new ByteArrayInputStream(bytes("+")), new ByteArrayOutputStream());
        assertThatThrownBy(() -> c.request("s")).isInstanceOf(RspClient.ClosedException.class);
    }
}
