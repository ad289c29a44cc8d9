package dev.serverlesscontainers.devmode.lambda;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Optional;

/**
 * Keeps the trailers of the last request body read on a connection, which Vert.x reads and drops.
 * A runtime that streams its response reports an error that happens after the response began in
 * trailers ({@code Lambda-Runtime-Function-Error-Type}, {@code -Body}): by then nothing else of the
 * request can carry it. A runtime sends its next request only after the answer to this one, so
 * what is kept when a request's end is handled is that request's.
 *
 * <p>Vert.x has no public way into the pipeline; {@link ConnectionBase} is its internal connection class.
 */
@ChannelHandler.Sharable
final class RequestTrailers extends ChannelInboundHandlerAdapter {
    private static final RequestTrailers INSTANCE = new RequestTrailers();
    private static final String NAME = "scf-request-trailers";
    /** Vert.x's name for Netty's request decoder in its HTTP/1 pipeline. */
    private static final String DECODER = "httpDecoder";
    private static final AttributeKey<HttpHeaders> LAST = AttributeKey.valueOf(NAME);

    private RequestTrailers() {}

    /** Adds the keeper to an HTTP/1 connection's pipeline; called once per connection, before its first request is read. */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
            if (pipeline.get(DECODER) != null && pipeline.get(NAME) == null) {
                pipeline.addAfter(DECODER, NAME, INSTANCE);
            }
        }
    }

    /** The trailer {@code name} of the request's body, once its end was read; empty when it had none. */
    static Optional<String> of(HttpServerRequest request, String name) {
        if (request.connection() instanceof ConnectionBase base) {
            HttpHeaders trailers = base.channel().attr(LAST).get();
            return trailers == null ? Optional.empty() : Optional.ofNullable(trailers.get(name));
        }
        return Optional.empty();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent last) {
            HttpHeaders trailers = last.trailingHeaders();
            ctx.channel().attr(LAST).set(trailers.isEmpty() ? null : trailers.copy());
        }
        ctx.fireChannelRead(msg);
    }
}
