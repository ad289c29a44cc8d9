package dev.serverlesscontainers.devmode.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Keeps an upstream connection's idle bound ours. Vert.x takes a response's {@code Keep-Alive: timeout=N}
 * as the connection's idle timeout, even when it is longer than the one the client was given; a longer
 * one would let the pool hand out a connection that has idled as long as the app allows, just as the app
 * closes it. This removes such a header before Vert.x reads it; a shorter one stays, and Vert.x honours
 * it. The header is hop-by-hop, so the client never sees it either way.
 *
 * <p>Vert.x has no public way into the pipeline; {@link ConnectionBase} is its internal connection class.
 */
@ChannelHandler.Sharable
final class KeepAliveBound extends ChannelInboundHandlerAdapter {
    private static final String NAME = "scf-keep-alive-bound";
    /** Vert.x's name for its own handler in an HTTP/1 client pipeline, the one that reads the header. */
    private static final String VERTX_HANDLER = "handler";

    private static final KeepAliveBound INSTANCE = new KeepAliveBound();

    private KeepAliveBound() {}

    /** Called for each new upstream connection, before its first response is read. */
    static void install(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            throw new IllegalStateException("unexpected upstream connection class " + connection.getClass().getName());
        }
        ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
        if (pipeline.get(VERTX_HANDLER) == null) {
            throw new IllegalStateException("no '" + VERTX_HANDLER + "' in the upstream pipeline " + pipeline.names());
        }
        pipeline.addBefore(VERTX_HANDLER, NAME, INSTANCE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            String announced = response.headers().get(HttpHeaderNames.KEEP_ALIVE);
            if (announced != null) {
                int timeout = HttpUtils.parseKeepAliveHeaderTimeout(announced);
                if (timeout < 0 || timeout > Origins.KEEP_ALIVE_SECONDS) {
                    response.headers().remove(HttpHeaderNames.KEEP_ALIVE);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
