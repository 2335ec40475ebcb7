package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random, truncated and hostile input thrown at a real {@code jinx pc --gdb} over loopback:
 * the stub must never die or hang, and stock gdb must attach cleanly afterwards. The seed is
 * fixed so a failure can be replayed. Packets that would end the run ({@code k}, {@code vKill})
 * or change the guest ({@code M X G P}) are sent only damaged (bad checksum or cut short), so the
 * guest itself stays healthy and the final gdb session can check it.
 */
@Timeout(120)
class StubFuzzTest {
    private static final long SEED = 0x6a696e78L;
    private static final int CONNECTIONS = 20;
    private static final int PACKETS_PER_CONNECTION = 100;
    /** Followed by random text. c, s, C and S are not here: with an address they move EIP. */
    private static final List<String> PREFIXES = List.of("?", "g", "p", "m", "Z", "z", "H",
            "T", "vCont", "vCont;", "vCont?", "qSupported", "qXfer:features:read:", "qRcmd,", "qC",
            "qfThreadInfo", "qAttached", "QStartNoAckMode", "qThreadExtraInfo,", "vMustReplyEmpty", "!", "bc", "");
    /** Sent as they are. */
    private static final List<String> BARE = List.of("c", "s", "C05", "S0b", "vCont;c", "vCont;s:1;c", "?");
    private static final List<String> DANGEROUS = List.of("k", "vKill;1", "M100000,4:", "X100000,4:", "G", "P8=", "c1", "s1", "C05;1", "S05;1");
    private static final String ALPHABET = "0123456789abcdefABCDEF,;:=-p.$#}*+\u0003 xyzXcsS";

    @Test
    void stubSurvivesGarbageAndGdbCanAttachAfterwards() throws Exception {
        assumeTrue(TestKernel.Tools.available("gdb"), "gdb is not installed");
        TestKernel kernel = TestKernel.get();
        assumeTrue(kernel != null, "binutils is not installed");
        Random r = new Random(SEED);
        try (JinxUnderGdb jinx = JinxUnderGdb.start(kernel, false)) {
            for (int c = 0; c < CONNECTIONS; c++) {
                fuzzOneConnection(jinx.port, r);
                assertThat(jinx.isRunning()).as("jinx still runs after connection %d", c).isTrue();
            }
            String out = jinx.gdb("p/x $eip", "info registers eip", "p *(unsigned*)&counter > 0",
                    "break bump", "continue", "p/x $pc");
            assertThat(out).contains("Breakpoint 1, bump").contains("= " + kernel.hex("bump"))
                    .doesNotContain("Remote connection closed").doesNotContain("Ignoring packet error");
            assertThat(jinx.stderr()).doesNotContain("Exception").doesNotContain("internal error");
        }
    }

    private static void fuzzOneConnection(int port, Random r) throws IOException, InterruptedException {
        try (Socket s = connectWhenAdmitted(port)) {
            s.setSoTimeout(3);
            InputStream in = s.getInputStream();
            byte[] sink = new byte[65536];
            try {
                for (int i = 0; i < PACKETS_PER_CONNECTION; i++) {
                    s.getOutputStream().write(nextInput(r));
                    s.getOutputStream().flush();
                    drain(in, sink);
                }
                if (r.nextBoolean()) {
                    // Leave as gdb would; otherwise just drop the connection.
                    s.getOutputStream().write(RspWire.frame("D"));
                    s.getOutputStream().flush();
                    drain(in, sink);
                }
            } catch (IOException e) {
                // The stub ended this session (a D got through); the next connection goes on.
            }
        }
    }

    /** A connection may wait at the stub's gate while the previous one finishes closing. */
    private static Socket connectWhenAdmitted(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), RawRspClient.TIMEOUT_MS);
        return s;
    }

    private static void drain(InputStream in, byte[] sink) throws IOException {
        try {
            while (in.read(sink) > 0) {
                // discard: the fuzz only checks that the stub keeps going
            }
        } catch (SocketTimeoutException e) {
            // nothing more for now
        } catch (IOException e) {
            // the stub may close a connection (after D, or a refused one); that is allowed
        }
    }

    private static byte[] nextInput(Random r) {
        switch (r.nextInt(9)) {
            case 0: { // random bytes
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                return b;
            }
            case 1: // a packet cut short
                return truncate(RspWire.frame(randomPacket(r)), r);
            case 2: // a dangerous packet, damaged
                return damage(RspWire.frame(DANGEROUS.get(r.nextInt(DANGEROUS.size())) + randomText(r, 12)), r);
            case 3: // a huge packet
                return ("$" + "m".repeat(RspFrameDecoder.MAX_RAW + r.nextInt(100)) + "#00").getBytes(StandardCharsets.ISO_8859_1);
            case 4: // lone control bytes
                return new byte[] {(byte) "+-\u0003$#}".charAt(r.nextInt(6))};
            case 5: // a well-formed packet with a wrong checksum
                return damage(RspWire.frame(randomPacket(r)), r);
            case 6: // resume, then often a Ctrl-C
                return RspWire.frame(BARE.get(r.nextInt(BARE.size())));
            default: // a well-formed packet with random arguments
                return RspWire.frame(randomPacket(r));
        }
    }

    private static String randomPacket(Random r) {
        return PREFIXES.get(r.nextInt(PREFIXES.size())) + randomText(r, 40);
    }

    private static String randomText(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static byte[] truncate(byte[] framed, Random r) {
        return java.util.Arrays.copyOf(framed, r.nextInt(framed.length));
    }

    /** Breaks the checksum; the packet may still be read as data, never executed. */
    private static byte[] damage(byte[] framed, Random r) {
        byte[] b = framed.clone();
        int last = b.length - 1;
        b[last] = (byte) (b[last] == '0' ? '1' : '0');
        b[last - 1] = (byte) (b[last - 1] == 'f' ? 'e' : 'f');
        return b;
    }
}
