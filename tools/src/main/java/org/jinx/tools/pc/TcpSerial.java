package org.jinx.tools.pc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;

/**
 * The serial line as a TCP server (127.0.0.1 unless a host is given), like QEMU's
 * {@code -serial tcp::PORT,server,nowait}: one client at a time, the guest does not wait for
 * it, and what the guest sends while nobody is connected is dropped. Bytes the client sends
 * are received by the UART on the emulator thread ({@link HostSerial#pump}).
 */
public final class TcpSerial extends HostSerial {
    private final EventLoopGroup group;
    private final Channel server;
    private volatile Channel client;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private TcpSerial(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /** Binds the listening socket now, so a port in use is reported before the guest starts. */
    public static TcpSerial listen(String host, int port) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        TcpSerial[] self = new TcpSerial[1];
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                self[0].attach(ctx.channel());
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                byte[] bytes = new byte[msg.readableBytes()];
                                msg.readBytes(bytes);
                                self[0].arrived(bytes, 0, bytes.length);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                });
        try {
            Channel server = b.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            self[0] = new TcpSerial(group, server);
            return self[0];
        } catch (Exception e) { // Netty rethrows the bind's checked BindException unchanged
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new IllegalArgumentException(String.format("cannot listen on %s:%d: %s", host, port,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** The port actually bound (useful when 0 asked the system to choose). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void attach(Channel ch) {
        Channel old = client;
        if (old != null && old.isActive()) {
            ch.close(); // one client at a time
            return;
        }
        client = ch;
    }

    @Override
    public void transmit(int b) {
        Channel c = client;
        if (c != null && c.isActive()) {
            pending.write(b);
        }
    }

    @Override
    protected void flushOutput() {
        Channel c = client;
        if (pending.size() == 0) {
            return;
        }
        if (c != null && c.isActive()) {
            c.writeAndFlush(Unpooled.wrappedBuffer(pending.toByteArray()));
        }
        pending.reset();
    }

    @Override
    public void close() {
        super.close();
        Channel c = client;
        if (c != null) {
            c.close().syncUninterruptibly();
        }
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
