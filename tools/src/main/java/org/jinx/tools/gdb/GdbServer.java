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
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jinx.debug.DebugTarget;
import org.jinx.debug.StopEvent;

/**
 * The gdb remote stub's TCP server: one client at a time, {@code TCP_NODELAY} (each packet is a
 * round trip; Nagle's algorithm would delay every one). A second client while one is attached
 * is refused by closing its connection, leaving the first session alone. Stops that happen with
 * no debugger attached (a triple fault, a halt for good) are reported on the log stream, and the
 * guest waits there for a debugger.
 */
public final class GdbServer implements AutoCloseable {
    private static final long CLOSE_TIMEOUT_MS = 2000;

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
                if (s != null) {
                    s.onNotice(text);
                } else {
                    log.print(text);
                }
            }
        });
    }

    /** Binds and starts serving; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress start(String host, int port) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (active.get() != null) {
                            ch.pipeline().addLast(new Refuse());
                            return;
                        }
                        ch.pipeline().addLast(new RspFrameDecoder(),
                                new RspPacketHandler(target, commands, log, GdbServer.this::opened, GdbServer.this::closed));
                    }
                });
        try {
            serverChannel = b.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    private void opened(GdbSession s) {
        if (!active.compareAndSet(null, s)) {
            // Two connections raced past the check in initChannel: keep the first.
            s.attached = false;
            s.close();
        }
    }

    private void closed(GdbSession s) {
        active.compareAndSet(s, null);
    }

    private void routeStop(StopEvent e) {
        GdbSession s = active.get();
        if (s != null) {
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
            s.attached = false;
            s.close();
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MS);
        }
        if (group != null) {
            group.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(2 * CLOSE_TIMEOUT_MS);
        }
    }

    /** Closes a second client's connection at once. */
    private final class Refuse extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            log.println("jinx: gdb: refused a connection from " + ctx.channel().remoteAddress()
                    + ": a debugger is already attached");
            ctx.close();
        }
    }
}
