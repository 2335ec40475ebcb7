package org.jinx.tools.gdb;

import io.netty.channel.Channel;
import java.util.function.Consumer;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;

/**
 * One gdb connection's state. Everything here runs on the connection's event loop; stop
 * events from the guest thread are handed over with {@link #onStop}.
 */
final class GdbSession {
    final DebugTarget target;
    private final Consumer<byte[]> wire;
    private final Channel channel;

    boolean noAck;
    /** Set by QStartNoAckMode: no-ack starts after its OK has gone out with the old rules. */
    boolean enterNoAckAfterReply;
    /** gdb offered swbreak+/hwbreak+ in qSupported, so stop replies may say which breakpoint hit. */
    boolean swbreak;
    boolean hwbreak;
    /** A continue or step is outstanding: the next stop event is its reply. */
    boolean waitingForStop;
    /**
     * Still attached: a disconnect must detach (drop breakpoints, let the guest run on). Read by
     * the guest thread too, to send stops after a detach to the log instead.
     */
    volatile boolean attached = true;
    private String lastSent;

    /** {@code channel} may be null in tests; {@code wire} receives every framed packet or ack. */
    GdbSession(DebugTarget target, Channel channel, Consumer<byte[]> wire) {
        this.target = target;
        this.channel = channel;
        this.wire = wire;
    }

    void send(String data) {
        lastSent = data;
        wire.accept(RspWire.frame(data));
    }

    /** Sends text for gdb to print, as O packets, each within the packet size. */
    void sendOutput(String text) {
        int chunk = RspFrameDecoder.PACKET_SIZE / 2 - 8;
        for (int i = 0; i < text.length(); i += chunk) {
            String part = text.substring(i, Math.min(text.length(), i + chunk));
            wire.accept(RspWire.frame("O" + Hex.encode(part)));
        }
    }

    void ack(boolean good) {
        if (!noAck) {
            wire.accept(good ? RspWire.ACK : RspWire.NACK);
        }
    }

    /** gdb's {@code -}: send the last packet again (only meaningful in ack mode). */
    void resend() {
        if (!noAck && lastSent != null) {
            wire.accept(RspWire.frame(lastSent));
        }
    }

    /** Called on any thread; the reply goes out on the event loop if a resume is waiting for it. */
    void onStop(StopEvent e) {
        runOnLoop(() -> {
            if (waitingForStop) {
                waitingForStop = false;
                send(StopReplies.of(e, this));
            }
        });
    }

    /** Called on any thread; shown by gdb only while it waits for a stop. */
    void onNotice(String text) {
        runOnLoop(() -> {
            if (waitingForStop) {
                sendOutput(text);
            }
        });
    }

    private void runOnLoop(Runnable r) {
        if (channel == null || channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
