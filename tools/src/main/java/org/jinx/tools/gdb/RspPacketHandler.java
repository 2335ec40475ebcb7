package org.jinx.tools.gdb;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.PrintStream;
import java.util.function.Consumer;
import org.jinx.debug.DebugTarget;

/**
 * The protocol layer above framing: acknowledgements and no-ack mode, resending on {@code -},
 * Ctrl-C, and handing each good packet to {@link GdbCommands}. One instance per connection.
 * On connect the guest is stopped (as QEMU stops the VM); on disconnect without {@code D} or
 * {@code k} the session is detached, so a lost connection never stops the emulator.
 */
final class RspPacketHandler extends SimpleChannelInboundHandler<RspMessage> {
    private final DebugTarget target;
    private final GdbCommands commands;
    private final PrintStream log;
    private final Consumer<GdbSession> onOpen;
    private final Consumer<GdbSession> onClose;
    private GdbSession session;
    private boolean finished;

    RspPacketHandler(DebugTarget target, GdbCommands commands, PrintStream log,
            Consumer<GdbSession> onOpen, Consumer<GdbSession> onClose) {
        this.target = target;
        this.commands = commands;
        this.log = log;
        this.onOpen = onOpen;
        this.onClose = onClose;
    }

    GdbSession session() {
        return session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = new GdbSession(target, ctx.channel(),
                bytes -> ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
        if (!target.attach()) {
            log.println("jinx: gdb: the guest's run is over; closing the connection from " + ctx.channel().remoteAddress());
            session.attached = false;
            ctx.close();
            return;
        }
        onOpen.accept(session);
        ctx.fireChannelActive();
    }

    /**
     * The session is over once gdb detached or killed: the stub is free for the next client at
     * once, and whatever else arrives on this connection (gdb's last ack) is ignored until gdb
     * closes it.
     */
    private void finish() {
        finished = true;
        onClose.accept(session);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            onClose.accept(session);
            if (session.attached) {
                session.attached = false;
                target.detach();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RspMessage msg) {
        GdbSession s = session;
        if (s == null || finished) {
            return;
        }
        if (msg instanceof RspMessage.Packet p) {
            if (!p.checksumOk()) {
                s.ack(false); // in no-ack mode a damaged packet is simply dropped
                return;
            }
            s.ack(true);
            String reply = commands.dispatch(s, p.text());
            if (reply != null) {
                s.send(reply);
            }
            if (s.enterNoAckAfterReply) {
                s.enterNoAckAfterReply = false;
                s.noAck = true;
            }
            if (!s.attached) {
                finish(); // after D, k or vKill nothing more is said on this connection
            }
        } else if (msg instanceof RspMessage.Nack) {
            s.resend();
        } else if (msg instanceof RspMessage.Interrupt) {
            // Only a running guest can be interrupted; a late ^C after a stop is ignored (P14).
            if (s.waitingForStop) {
                target.interrupt();
            }
        } else if (msg instanceof RspMessage.Malformed) {
            s.ack(false);
        }
        // RspMessage.Ack: gdb confirming a reply; nothing to do.
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.println("jinx: gdb: connection from " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
