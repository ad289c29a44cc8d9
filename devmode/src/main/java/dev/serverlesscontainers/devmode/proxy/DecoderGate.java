package dev.serverlesscontainers.devmode.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Sits between Netty's HTTP/1 decoder and Vert.x: each request head is classified here by
 * {@link DesyncGuard}, before Vert.x decides whether to keep the connection alive and before it reads
 * a pipelined next request.
 * <ul>
 *   <li>a severe request becomes a decoding failure, which {@link ProxyHandler#refuseMalformed} answers
 *   (400, or 501) with its reason and an access-log line, and closes; Vert.x would answer an unknown
 *   version with 501 itself, with neither;
 *   <li>an ambiguous request gets {@code Connection: close}, so that Vert.x serves nothing after it on
 *   this connection, and its reason in {@link DesyncGuard#AMBIGUITY_HEADER} for the proxy;
 *   <li>Netty's decoder is one that keeps a {@code Content-Length} sent with {@code Transfer-Encoding:
 *   chunked} (it still reads the body chunked), so that the guard sees both: Netty's own drops it;
 *   <li>nothing decoded after the connection was closed, or began to close ({@link LingeringClose}), goes further (a pipelined request after a
 *   refused one is never handled), and pending writes are flushed before it closes: Vert.x flushes
 *   only once a read is over, and a refusal during a read would otherwise be lost.
 * </ul>
 * Vert.x has no public way into the pipeline; {@link ConnectionBase} is its internal connection class.
 */
@ChannelHandler.Sharable
final class DecoderGate extends ChannelDuplexHandler {
    private static final DecoderGate INSTANCE = new DecoderGate();
    static final String NAME = "scf-decoder-gate";
    /** Vert.x's name for Netty's request decoder in its HTTP/1 pipeline. */
    private static final String DECODER = "httpDecoder";

    private DecoderGate() {}

    /** Adds the gate to an HTTP/1 connection's pipeline; called once per connection, before its first request is read. */
    static void install(HttpConnection connection, HttpServerOptions options) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
            if (pipeline.get(DECODER) != null && pipeline.get(NAME) == null) {
                pipeline.replace(DECODER, DECODER, new BothFramingsDecoder(options));
                pipeline.addAfter(DECODER, NAME, INSTANCE);
            }
        }
    }

    /** Vert.x's decoder, except that a Content-Length next to chunked stays for the guard to see. */
    private static final class BothFramingsDecoder extends VertxHttpRequestDecoder {
        BothFramingsDecoder(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            // keep it: the body is read chunked all the same, and the proxy forwards no Content-Length with chunked
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!ctx.channel().isActive() || LingeringClose.armed(ctx.channel())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            HttpHeaders headers = request.headers();
            headers.remove(DesyncGuard.AMBIGUITY_HEADER);
            DesyncGuard.Verdict verdict = DesyncGuard.classify(request.method().name(), request.uri(), version(request), headers);
            if (verdict.tier() == DesyncGuard.Tier.SEVERE) {
                request.setDecoderResult(DecoderResult.failure(new DesyncGuard.Refused(verdict)));
            } else if (verdict.tier() == DesyncGuard.Tier.AMBIGUOUS) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                headers.set(DesyncGuard.AMBIGUITY_HEADER, verdict.reason());
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The version as the guard reads it: Netty reads {@code http/1.1} as HTTP/1.1 but not as its HTTP/1.1. */
    private static String version(HttpRequest request) {
        HttpVersion v = request.protocolVersion();
        return v == HttpVersion.HTTP_1_1 ? "HTTP/1.1" : v == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "other than " + v.text();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.flush();
        ctx.close(promise);
    }
}
