package dev.serverlesscontainers.devmode.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;

/**
 * Closes a client connection whose request body is still coming, without losing the answer: a socket
 * closed with unread bytes sends a reset, and a client still sending its body (a 7 MB upload refused
 * with 413 after its head) then reads the reset instead of the answer. As nginx and Apache do, the
 * answer is flushed, the sending half shut (the client reads the answer and its end), and whatever
 * the client still sends is read and dropped, until it closes, or sends nothing for
 * {@link #QUIET_MILLIS}, or {@link #MOST_MILLIS} have passed.
 *
 * <p>Added at the front of the connection's pipeline, so that the dropped bytes are never decoded, and
 * before the answer is written, so that the close Vert.x makes after a {@code Connection: close}
 * answer waits here too.
 */
final class LingeringClose extends ChannelDuplexHandler {
    private static final long QUIET_MILLIS = 2_000;
    private static final long MOST_MILLIS = 30_000;
    private static final String NAME = "scf-lingering-close";
    private static final AttributeKey<Boolean> ARMED = AttributeKey.valueOf(NAME);

    private final long began = System.nanoTime();
    private long lastRead = began;
    private boolean lingering;
    private ScheduledFuture<?> check;

    private LingeringClose() {}

    /**
     * Makes the next close of this HTTP/1 connection a lingering one; from now on nothing more the
     * client sends is read as HTTP. Other connections (HTTP/2) close as they would.
     */
    static void arm(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && base.channel() instanceof DuplexChannel) {
            Channel channel = base.channel();
            if (!armed(channel) && channel.pipeline().get(DecoderGate.NAME) != null) {
                channel.attr(ARMED).set(Boolean.TRUE);
                channel.pipeline().addFirst(NAME, new LingeringClose());
            }
        }
    }

    /**
     * Whether this connection is closing: what its decoder still makes of the bytes it had already
     * read (a pipelined request, the rest of a refused body) is dropped, not served.
     */
    static boolean armed(Channel channel) {
        return channel.hasAttr(ARMED);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        lastRead = System.nanoTime();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // every close asked for (Vert.x's, the proxy's) completes when the socket really closes
        ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
        if (lingering) {
            return;
        }
        lingering = true;
        // shutting the output fails writes still queued: the answer goes first
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !ctx.channel().isActive()) {
                ctx.close();
                return;
            }
            ((DuplexChannel) ctx.channel()).shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    ctx.close();
                }
            });
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            check = ctx.executor().schedule(() -> checkQuiet(ctx), QUIET_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void checkQuiet(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        long quietFor = TimeUnit.NANOSECONDS.toMillis(now - lastRead);
        if (quietFor >= QUIET_MILLIS || TimeUnit.NANOSECONDS.toMillis(now - began) >= MOST_MILLIS) {
            ctx.close();
        } else {
            check = ctx.executor().schedule(() -> checkQuiet(ctx), QUIET_MILLIS - quietFor, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
