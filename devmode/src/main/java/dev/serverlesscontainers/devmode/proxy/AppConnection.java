package dev.serverlesscontainers.devmode.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.impl.HttpUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive connection to an app instance ({@link AppChannels}), lent to one exchange at a time,
 * which hears its response through {@link Receiver}. Everything happens on the connection's event loop.
 */
final class AppConnection extends ChannelInboundHandlerAdapter {
    /** What an exchange hears from the app while it holds the connection. */
    interface Receiver {
        /** The response's head (an interim 1xx response is not passed on: the ALB does not relay them). */
        void head(HttpResponse head);

        /** A part of the body; the receiver owns it. The last part is a {@link LastHttpContent}. */
        void content(HttpContent content);

        /** The connection failed, closed, or stayed silent past the idle timeout ({@link TimeoutException}). */
        void failed(Throwable cause);

        /** The socket's send buffer filled up or drained: pause or resume what is being sent to the app. */
        void writable(boolean writable);
    }

    private final AppChannels.Loop loop;
    private final Duration idleTimeout;
    private Channel channel;
    private Receiver receiver;
    /** How long this connection may idle before it is no longer lent: ours, or as the app's {@code Keep-Alive} allows. */
    private long idleBoundNanos = TimeUnit.SECONDS.toNanos(Origins.KEEP_ALIVE_SECONDS);
    private long idleSince;
    private boolean reusable;
    private boolean interim;

    AppConnection(AppChannels.Loop loop, Duration idleTimeout) {
        this.loop = loop;
        this.idleTimeout = idleTimeout;
    }

    /** The handlers in front of this one: the idle timeout counts reads and writes at the socket. */
    void initialize(ChannelPipeline pipeline, HttpClientCodec codec) {
        pipeline.addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS), codec, this);
    }

    Channel channel() {
        return channel;
    }

    /** Hands the connection to an exchange, which writes its request on {@link #channel()}. */
    void attach(Receiver to) {
        receiver = to;
        reusable = false;
    }

    /**
     * The exchange is done with it: back among the idle connections when both the request and the
     * response went whole and the app keeps the connection, else closed.
     */
    void release(boolean whole) {
        receiver = null;
        if (whole && reusable && channel.isActive()) {
            idleSince = System.nanoTime();
            loop.giveBack(this);
        } else {
            close();
        }
    }

    /**
     * The idle bound for an app that announced {@code Keep-Alive: timeout=announced} (negative when the
     * header has no timeout): ours when it has none, the app's own when it is shorter, and a second less
     * than the app's when it is longer, as Node.js's own client does, so that a connection is never lent as
     * the app's deadline comes (the app's clock starts when it wrote the response, a moment before ours);
     * at most {@link Origins#MAX_KEEP_ALIVE_SECONDS}.
     */
    static int idleBoundSeconds(int announced) {
        if (announced < 0) {
            return Origins.KEEP_ALIVE_SECONDS;
        }
        if (announced <= Origins.KEEP_ALIVE_SECONDS) {
            return announced;
        }
        return Math.max(Origins.KEEP_ALIVE_SECONDS, Math.min(announced - 1, Origins.MAX_KEEP_ALIVE_SECONDS));
    }

    /** Whether it may be lent now: open, and not idle past its bound. */
    boolean usable(long now) {
        return channel != null && channel.isActive() && now - idleSince < idleBoundNanos;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Receiver to = receiver;
        if (to == null || !(msg instanceof HttpObject object)) {
            // nothing was asked: whatever the app sends now belongs to no request, and the connection is not to be trusted
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            receiver = null;
            ctx.close();
            to.failed(object.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse head) {
            int status = head.status().code();
            if (status >= 100 && status < 200 && status != 101) {
                interim = true;
                ReferenceCountUtil.release(msg);
                return;
            }
            reusable = HttpUtil.isKeepAlive(head);
            String announced = head.headers().get(HttpHeaderNames.KEEP_ALIVE);
            if (announced != null) {
                idleBoundNanos = TimeUnit.SECONDS.toNanos(idleBoundSeconds(HttpUtils.parseKeepAliveHeaderTimeout(announced)));
            }
            to.head(head);
        }
        if (msg instanceof HttpContent content) {
            if (interim) {
                interim = !(content instanceof LastHttpContent);
                content.release();
                return;
            }
            to.content(content);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Receiver to = receiver;
        receiver = null;
        if (to != null) {
            to.failed(new HttpClosedException("Connection was closed"));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && receiver != null) {
            Receiver to = receiver;
            receiver = null;
            ctx.close();
            to.failed(new TimeoutException("The app sent nothing for " + idleTimeout.toMillis() + " ms"));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (receiver != null) {
            receiver.writable(ctx.channel().isWritable());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Receiver to = receiver;
        receiver = null;
        ctx.close();
        if (to != null) {
            to.failed(cause);
        }
    }
}
