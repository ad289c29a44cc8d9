package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.model.routing.Route;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import java.util.Locale;

/**
 * A request to an {@code awsFargateEcs} container that is not a WebSocket upgrade, as the ALB forwards
 * it, relayed on Netty's HTTP client codec ({@link AppChannels}) rather than Vert.x's client: bodies
 * stream both ways with back-pressure, the idle timeout applies, and failures get the ALB's answers,
 * as the Vert.x client did before (WebSocket upgrades stay on it: {@link UpgradeExchange}). Vert.x's client cost about 13 us of
 * CPU per request on this path, most of what the emulator spent above nginx (BENCHMARKS.md, section 1).
 *
 * <p>Everything runs on the event loop of the client's connection: the connections it borrows live
 * on that same loop.
 */
final class RelayExchange extends Exchange implements AppConnection.Receiver {
    private final EventLoop loop;
    private AppConnection connection;
    private boolean retried;
    /** The request's end went to the app. */
    private boolean requestSent;
    private boolean responseBegun;
    private int status;

    RelayExchange(Vertx vertx, ProxyOptions options, Origins origins, HttpServerRequest request, Route route, Upstream upstream) {
        super(vertx, options, origins, request, route, null, upstream);
        this.loop = ((HttpServerRequestInternal) request).context().nettyEventLoop();
    }

    @Override
    void start() {
        origins.channels(upstream).lend(loop, this::lent);
    }

    private void lent(AppConnection lent, Throwable cause) {
        if (finished) {
            if (lent != null) {
                lent.release(false);
            }
            return;
        }
        if (cause != null) {
            // connecting failed, so not a byte of this request reached the instance: see replacementFor
            Upstream next = retried ? null : replacementFor(upstream);
            if (next != null) {
                retried = true;
                upstream.release();
                upstream = next;
                start();
            } else {
                fail(Failure.upstream(cause, route.computeType(), route.container(), true));
            }
            return;
        }
        connection = lent;
        lent.attach(this);
        send(lent.channel());
    }

    private void send(Channel channel) {
        HeadersMultiMap headers = HeadersMultiMap.httpHeaders();
        writeHeaders(headers);
        if (!headers.contains(HttpHeaders.HOST)) {
            headers.set(HttpHeaders.HOST, upstream.address().getHostString() + ":" + upstream.address().getPort());
        }
        boolean chunked = isChunked(request.headers());
        if (chunked) {
            // one framing reaches the app: the one this proxy read the body by (RFC 9112 section 6.3)
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            headers.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
        DefaultHttpRequest head = new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.valueOf(request.method().name()), ProxyHandler.originForm(request), headers);
        if (!chunked && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            // no body (most GETs): head and end in one write
            channel.write(head);
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            requestSent = true;
            request.resume();
            return;
        }
        channel.writeAndFlush(head);
        request.handler(chunk -> {
            if (connection == null || finished) {
                return;
            }
            channel.writeAndFlush(new DefaultHttpContent(((BufferInternal) chunk).getByteBuf()));
            if (!channel.isWritable()) {
                request.pause();
            }
        });
        request.endHandler(v -> {
            if (connection != null && !finished) {
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                requestSent = true;
            }
        });
        request.exceptionHandler(this::requestFailed);
        request.resume();
    }

    @Override
    public void writable(boolean writable) {
        if (writable) {
            request.resume();
        } else {
            request.pause();
        }
    }

    @Override
    public void head(HttpResponse head) {
        if (finished) {
            return;
        }
        responseBegun = true;
        status = head.status().code();
        HttpServerResponse response = request.response();
        // Vert.x's own header map, as AppChannels has the codec decode into
        MultiMap headers = head.headers() instanceof MultiMap decoded ? decoded : new HeadersAdaptor(head.headers());
        ResponseStep.run(ResponseStep.RELAY, new ResponseStep.Head(status, head.status().reasonPhrase(), headers), response);
        if (!HttpUtil.isContentLengthSet(head) && mayHaveBody(status) && request.version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
    }

    @Override
    public void content(HttpContent content) {
        Buffer chunk = content.content().isReadable() ? BufferInternal.buffer(ByteBufUtil.getBytes(content.content())) : null;
        content.release();
        if (finished) {
            return;
        }
        HttpServerResponse response = request.response();
        if (!(content instanceof LastHttpContent)) {
            if (chunk != null) {
                response.write(chunk);
            }
            if (response.writeQueueFull()) {
                AppConnection reading = connection;
                reading.channel().config().setAutoRead(false);
                // only while this exchange still holds it: once given back, another exchange decides
                response.drainHandler(v -> {
                    if (connection == reading) {
                        reading.channel().config().setAutoRead(true);
                    }
                });
            }
            return;
        }
        // the whole response is in: the connection can serve the next request while the client's is written
        AppConnection done = connection;
        connection = null;
        done.channel().config().setAutoRead(true);
        done.release(requestSent && !closesUpstream());
        Future<Void> end = chunk == null ? response.end() : response.end(chunk);
        end.onComplete(ar -> {
            if (ar.succeeded()) {
                finish(status, "");
            } else {
                brokeOff(ar.cause());
            }
        });
    }

    @Override
    public void failed(Throwable cause) {
        connection = null;
        if (finished) {
            return;
        }
        if (!responseBegun) {
            fail(Failure.upstream(cause, route.computeType(), route.container()));
        } else {
            brokeOff(cause);
        }
    }

    /** The response had begun: the ALB can only cut the connection, and so do we (both of them). */
    private void brokeOff(Throwable cause) {
        request.response().reset();
        abandonUpstream();
        finish(status, "the response of " + route.container() + " broke off: " + cause.getMessage());
    }

    @Override
    void abandonUpstream() {
        AppConnection held = connection;
        connection = null;
        if (held != null) {
            held.release(false);
        }
    }

    static boolean isChunked(MultiMap headers) {
        if (!headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false; // most requests: no list made to find none
        }
        for (String te : headers.getAll(HttpHeaders.TRANSFER_ENCODING)) {
            if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
                return true;
            }
        }
        return false;
    }
}
