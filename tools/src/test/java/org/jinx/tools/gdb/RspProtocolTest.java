package org.jinx.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jinx.debug.DebugTarget;
import org.junit.jupiter.api.Test;

/**
 * The protocol layer over the NULL target (which stops again at once: a step as SIGTRAP, a
 * continue as SIGINT): acknowledgements, no-ack mode, resending, Ctrl-C, and the replies of the
 * session, thread and run-control packets.
 */
class RspProtocolTest {
    private final StubChannel stub = new StubChannel(DebugTarget.NULL);

    @Test
    void eachGoodPacketIsAckedBeforeItsReply() {
        assertThat(stub.packet("qAttached")).isEqualTo("+$1#31");
    }

    @Test
    void aDamagedPacketIsNackedAndNotExecuted() {
        assertThat(stub.raw("$qAttached#00")).isEqualTo("-");
    }

    @Test
    void aNackResendsTheLastReply() {
        stub.packet("qC");
        assertThat(stub.raw("-")).isEqualTo("$QC1#c5");
    }

    @Test
    void strayAcksAreIgnored() {
        assertThat(stub.raw("+++")).isEmpty();
    }

    @Test
    void noAckHandshake() {
        assertThat(stub.packet("qSupported:swbreak+;hwbreak+")).startsWith("+$")
                .contains("QStartNoAckMode+").contains("PacketSize=4000").contains("qXfer:features:read+")
                .contains("swbreak+").contains("hwbreak+").contains("vContSupported+");
        // The OK still goes out under the old rules: acked, then the reply.
        assertThat(stub.packet("QStartNoAckMode")).isEqualTo("+$OK#9a");
        stub.raw("+"); // gdb's ack of that OK
        assertThat(stub.packet("qAttached")).isEqualTo("$1#31");
        assertThat(stub.raw("$qAttached#00")).as("a damaged packet is dropped silently").isEmpty();
        assertThat(stub.raw("-")).as("no resend without acks").isEmpty();
    }

    @Test
    void unknownPacketsGetTheEmptyReply() {
        for (String p : List.of("vMustReplyEmpty", "qTStatus", "qXyzzy", "QFoo:1", "vFoo", "!", "bc", "qOffsets")) {
            assertThat(stub.packet(p)).as(p).isEqualTo("+$#00");
        }
    }

    @Test
    void sessionQueries() {
        assertThat(stub.ask("qAttached")).isEqualTo("1");
        assertThat(stub.ask("qAttached:1")).isEqualTo("1");
        assertThat(stub.ask("qC")).isEqualTo("QC1");
        assertThat(stub.ask("qfThreadInfo")).isEqualTo("m1");
        assertThat(stub.ask("qsThreadInfo")).isEqualTo("l");
        assertThat(stub.ask("qThreadExtraInfo,1")).isEqualTo(Hex.encode("CPU 0"));
        assertThat(stub.ask("vCont?")).isEqualTo("vCont;c;C;s;S");
    }

    @Test
    void threadSelectionAcceptsAnyAllAndOurThread() {
        for (String p : List.of("Hg0", "Hc-1", "Hg1", "Hc0", "Hgp0.0", "Hgp1.1", "Hcp1.-1")) {
            assertThat(stub.ask(p)).as(p).isEqualTo("OK");
        }
        assertThat(stub.ask("Hg2")).isEqualTo("E22");
        assertThat(stub.ask("Hx1")).isEqualTo("E22");
        assertThat(stub.ask("T1")).isEqualTo("OK");
        assertThat(stub.ask("T2")).isEqualTo("E22");
    }

    @Test
    void haltReasonIsAPlainTrapWithTheThreadAndExpeditedRegisters() {
        assertThat(stub.ask("?")).isEqualTo("T05thread:01;04:00000000;05:00000000;08:00000000;");
    }

    @Test
    void stepAndContinueReplyWithTheStop() {
        assertThat(stub.ask("s")).startsWith("T05thread:01;");
        assertThat(stub.ask("c")).startsWith("T02thread:01;");
        assertThat(stub.ask("S05")).startsWith("T05");
        assertThat(stub.ask("C0b;100000")).startsWith("T02");
        assertThat(stub.ask("s100000")).startsWith("T05");
    }

    @Test
    void vContTakesTheFirstActionThatAppliesToTheCpu() {
        assertThat(stub.ask("vCont;s:1;c")).as("gdb's stepi").startsWith("T05");
        assertThat(stub.ask("vCont;s:p1.1;c:p1.-1")).startsWith("T05");
        assertThat(stub.ask("vCont;c")).startsWith("T02");
        assertThat(stub.ask("vCont;c:2;s")).as("c names another thread").startsWith("T05");
        assertThat(stub.ask("vCont;C05:1")).startsWith("T02");
        assertThat(stub.ask("vCont;S0b")).startsWith("T05");
        assertThat(stub.ask("vCont;c:0")).startsWith("T02");
    }

    @Test
    void badVContIsRefused() {
        assertThat(stub.ask("vCont;x")).isEqualTo("E22");
        assertThat(stub.ask("vCont;s:2")).as("no action for the CPU").isEqualTo("E22");
        assertThat(stub.ask("vCont;")).isEqualTo("E22");
        assertThat(stub.ask("vCont;Czz")).isEqualTo("E22");
        assertThat(stub.ask("vCont;r100,200")).isEqualTo("E22");
    }

    @Test
    void interruptWhileStoppedIsIgnored() {
        assertThat(stub.raw("\u0003")).isEmpty();
    }

    @Test
    void targetDescriptionIsServedInPieces() {
        StringBuilder doc = new StringBuilder();
        int off = 0;
        while (true) {
            String r = stub.ask(String.format("qXfer:features:read:target.xml:%x,%x", off, 0x200));
            doc.append(r.substring(1));
            off += r.length() - 1;
            if (r.charAt(0) == 'l') {
                break;
            }
            assertThat(r.charAt(0)).isEqualTo('m');
        }
        assertThat(doc.toString()).isEqualTo(TargetDescription.TARGET_XML);
        for (String reg : List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags", "cs", "ss",
                "ds", "es", "fs", "gs", "st0", "st7", "fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop")) {
            assertThat(doc.toString()).contains("<reg name=\"" + reg + "\"");
        }
        assertThat(doc.toString()).contains("org.gnu.gdb.i386.core").doesNotContain("org.gnu.gdb.i386.segments");
        assertThat(stub.ask("qXfer:features:read:target.xml:ffffff,10")).isEqualTo("l");
        assertThat(stub.ask("qXfer:features:read:other.xml:0,10")).isEqualTo("E00");
        assertThat(stub.ask("qXfer:memory-map:read::0,10")).isEmpty();
    }

    @Test
    void monitorOutputComesAsConsolePacketsThenOk() {
        List<String> r = stub.replies("qRcmd," + Hex.encode("help"));
        assertThat(r.get(r.size() - 1)).isEqualTo("OK");
        StringBuilder text = new StringBuilder();
        for (String p : r.subList(0, r.size() - 1)) {
            assertThat(p).startsWith("O");
            text.append(new String(Hex.decode(p.substring(1)), StandardCharsets.ISO_8859_1));
        }
        assertThat(text.toString()).contains("Jinx monitor commands").contains("registers").contains("memory map");
    }

    @Test
    void detachRepliesOkAndEndsTheSession() {
        assertThat(stub.ask("D")).isEqualTo("OK");
        assertThat(stub.packet("qAttached")).as("nothing after D is answered").isEmpty();
        StubChannel other = new StubChannel(DebugTarget.NULL);
        assertThat(other.ask("D;1")).isEqualTo("OK");
    }

    @Test
    void killHasNoReplyAndEndsTheSession() {
        assertThat(stub.packet("k")).isEqualTo("+");
        assertThat(stub.packet("qAttached")).isEmpty();
        StubChannel other = new StubChannel(DebugTarget.NULL);
        assertThat(other.ask("vKill;a410")).isEqualTo("OK");
        assertThat(other.packet("?")).isEmpty();
    }

    @Test
    void malformedPacketsGetAnErrorAndTheStubKeepsServing() {
        for (String p : List.of("m", "mxyz,4", "m1000", "M1000,2", "M1000,2:zz", "Z9,0,1", "Z0,100", "p", "pzz",
                "P1", "P1=zz", "G123", "Cxx", "X1,1", "qRcmd", "qRcmd,6", "Hg", "T")) {
            assertThat(stub.ask(p)).as(p).startsWith("E");
        }
        assertThat(stub.ask("qAttached")).isEqualTo("1");
    }
}
