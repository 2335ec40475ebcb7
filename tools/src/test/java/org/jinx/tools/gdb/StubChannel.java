package org.jinx.tools.gdb;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;

/** The stub's pipeline (framing + protocol) in an EmbeddedChannel: bytes in, bytes out, no socket. */
final class StubChannel {
    final EmbeddedChannel ch;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    GdbSession session;

    StubChannel(DebugTarget target) {
        RspPacketHandler handler = new RspPacketHandler(target, new GdbCommands(),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                s -> {
                    session = s;
                    target.setStopListener(new DebugTarget.StopListener() {
                        @Override
                        public void stopped(StopEvent e) {
                            s.onStop(e);
                        }

                        @Override
                        public void notice(String text) {
                            s.onNotice(text);
                        }
                    });
                },
                s -> { });
        ch = new EmbeddedChannel(new RspFrameDecoder(), handler);
    }

    /** Feeds raw bytes (one char per byte) and returns everything the stub wrote back. */
    String raw(String latin1) {
        ch.writeInbound(Unpooled.wrappedBuffer(latin1.getBytes(StandardCharsets.ISO_8859_1)));
        ch.runPendingTasks();
        return drain();
    }

    String drain() {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    /** Sends one framed packet and returns the raw reply bytes (acks included). */
    String packet(String data) {
        return raw(new String(RspWire.frame(data), StandardCharsets.ISO_8859_1));
    }

    /** Sends one packet and returns the data of every packet in the reply, acks dropped. */
    List<String> replies(String data) {
        return packetsIn(packet(data));
    }

    /** Sends one packet and returns the data of its single reply packet. */
    String ask(String data) {
        List<String> r = replies(data);
        if (r.size() != 1) {
            throw new AssertionError("expected one reply to " + data + ", got " + r);
        }
        return r.get(0);
    }

    static List<String> packetsIn(String wire) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while ((i = wire.indexOf('$', i)) >= 0) {
            int hash = wire.indexOf('#', i);
            byte[] raw = wire.substring(i + 1, hash).getBytes(StandardCharsets.ISO_8859_1);
            out.add(new String(RspFrameDecoder.unescape(raw), StandardCharsets.ISO_8859_1));
            i = hash + 3;
        }
        return out;
    }
}
