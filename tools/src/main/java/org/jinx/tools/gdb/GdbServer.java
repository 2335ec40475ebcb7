package org.jinx.tools.gdb;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;

/**
 * The gdb remote stub's TCP server: one client at a time, {@code TCP_NODELAY} (each packet is a
 * round trip; Nagle's algorithm would delay every one). A new connection waits at a gate, not
 * read, while another session is attached; if that session has not ended within
 * {@link #ADMIT_WAIT_MS} (a gdb that reconnects right after a detach or a dropped connection
 * needs the old one to finish closing), the newcomer is refused by closing its connection and
 * the first session is left alone. Stops that happen with no debugger attached (a triple fault)
 * are reported on the log stream, and the guest waits there for a debugger.
 */
public final class GdbServer implements AutoCloseable {
    private static final long CLOSE_TIMEOUT_MS = 2000;
    static final long ADMIT_WAIT_MS = 500;
    private static final long ADMIT_POLL_MS = 20;

    private final DebugTarget target;
    private final PrintStream log;
    private final GdbCommands commands = new GdbCommands();
    private final AtomicReference<GdbSession> active = new AtomicReference<>();
    private EventLoopGroup group;
    private Channel serverChannel;

    public GdbServer(DebugTarget target, PrintStream log) {
        this.target = target;
        this.log = log;
        target.setStopListener(new DebugTarget.StopListener() {
            @Override
            public void stopped(StopEvent e) {
                routeStop(e);
            }

            @Override
            public void notice(String text) {
                GdbSession s = active.get();
                if (s != null && s.attached) {
                    s.onNotice(text);
                } else {
                    log.print(text);
                }
            }
        });
    }

    /**
     * Binds and starts serving; returns the bound address (port 0 picks a free one). A failure
     * to bind (port in use, unknown host) is an IOException, with nothing left running.
     */
    public InetSocketAddress start(String host, int port) throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.config().setAutoRead(false); // nothing is read until the gate admits it
                        ch.pipeline().addLast(new Gate());
                    }
                });
        try {
            serverChannel = b.bind(host, port).sync().channel();
        } catch (Exception e) { // sync() rethrows the bind's checked exception undeclared
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    private void opened(GdbSession s) {
        active.set(s);
    }

    /** The session ended (detach, kill or disconnect): the next client may come in. */
    private void closed(GdbSession s) {
        active.compareAndSet(s, null);
    }

    private void routeStop(StopEvent e) {
        GdbSession s = active.get();
        if (s != null && s.attached) {
            s.onStop(e);
        } else if (e.reason() == StopEvent.Reason.SHUTDOWN) {
            log.println("jinx: the CPU shut down (triple fault); waiting for gdb to inspect it");
        }
    }

    /** Closes the client (flushing what was written first) and the listening socket, bounded in time. */
    @Override
    public void close() {
        GdbSession s = active.getAndSet(null);
        if (s != null) {
            s.close(); // queued behind any stop reply still on its way
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MS);
        }
        if (group != null) {
            group.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(2 * CLOSE_TIMEOUT_MS);
        }
    }

    /**
     * Holds a new connection until no session is attached, then puts the protocol handlers in
     * its place; refuses it after {@link #ADMIT_WAIT_MS}. All on the one event loop, so two
     * connections can never both be admitted.
     */
    private final class Gate extends ChannelInboundHandlerAdapter {
        private long waited;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            tryAdmit(ctx);
        }

        private void tryAdmit(ChannelHandlerContext ctx) {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (active.get() == null) {
                ctx.pipeline().addLast(new RspFrameDecoder(),
                        new RspPacketHandler(target, commands, log, GdbServer.this::opened, GdbServer.this::closed));
                ctx.pipeline().remove(this);
                ctx.pipeline().fireChannelActive();
                ctx.channel().config().setAutoRead(true);
            } else if (waited < ADMIT_WAIT_MS) {
                waited += ADMIT_POLL_MS;
                ctx.executor().schedule(() -> tryAdmit(ctx), ADMIT_POLL_MS, TimeUnit.MILLISECONDS);
            } else {
                log.println("jinx: gdb: refused a connection from " + ctx.channel().remoteAddress()
                        + ": a debugger is already attached");
                ctx.close();
            }
        }
    }
}
