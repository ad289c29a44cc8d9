package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetSocket;

/**
 * A request to an {@code awsFargateEcs} container, as the ALB forwards it: bodies stream both ways
 * with back-pressure (large uploads and downloads are never held in memory), the idle timeout
 * applies, and an HTTP/1.1 upgrade to WebSocket becomes a tunnel between client and instance.
 */
final class StreamingExchange extends Exchange {
    private final boolean upgrade;

    StreamingExchange(Vertx vertx, ProxyOptions options, Origins origins, HttpServerRequest request, Route route,
                      Upstream upstream, boolean upgrade) {
        super(vertx, options, origins, request, route, null, upstream);
        this.upgrade = upgrade;
    }

    @Override
    void writeHeaders(MultiMap into) {
        super.writeHeaders(into);
        if (upgrade) {
            into.set(HttpHeaders.UPGRADE, request.getHeader(HttpHeaders.UPGRADE));
            into.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
        }
    }

    @Override
    void start() {
        connect(target -> requestOptions(target).setIdleTimeout(options.idleTimeout().toMillis()), this::forward);
    }

    private void forward(HttpClientRequest out) {
        writeHeaders(out.headers());
        if (upgrade) {
            out.connect().onComplete(ar -> {
                if (ar.failed()) {
                    fail(Failure.upstream(ar.cause(), route.computeType(), route.container()));
                } else if (ar.result().statusCode() == 101) {
                    tunnel(ar.result());
                } else {
                    // declined: Vert.x took the connection out of the pool for a tunnel that never opened, and
                    // nothing else would close it (the request fuzzer found them piling up, idle)
                    relay(ar.result()).onComplete(done -> upstreamRequest.connection().close());
                }
            });
            request.resume();
            return;
        }
        out.response().onComplete(ar -> {
            if (ar.failed()) {
                fail(Failure.upstream(ar.cause(), route.computeType(), route.container()));
            } else if (!finished) {
                relay(ar.result());
            }
        });
        boolean chunked = isChunked(request.headers());
        if (!chunked && !hasContentLength(request.headers())) {
            // no body (most GETs): nothing to stream, so no pipe to set up
            out.end();
            request.resume();
            return;
        }
        if (chunked) {
            // one framing reaches the app: the one this proxy read the body by (RFC 9112 section 6.3)
            out.headers().remove(HttpHeaders.CONTENT_LENGTH);
            out.setChunked(true);
        }
        request.pipe().endOnFailure(false).to(out).onFailure(e -> out.reset());
        request.exceptionHandler(this::requestFailed); // after the pipe, which set its own
    }

    private Future<Void> relay(HttpClientResponse in) {
        HttpServerResponse response = request.response();
        int status = in.statusCode();
        ResponseStep.run(ResponseStep.RELAY, in, response);
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(status) && request.version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
        return new BodyRelay(in, response).start().andThen(ar -> {
            if (ar.failed()) {
                // the response had begun: the ALB can only cut the connection, and so do we (both of them)
                response.reset();
                abandonUpstream();
                finish(status, "the response of " + route.container() + " broke off: " + ar.cause().getMessage());
            } else {
                finish(status, "");
            }
        });
    }

    private void tunnel(HttpClientResponse switching) {
        HttpServerResponse response = request.response();
        response.setStatusCode(101);
        response.headers().addAll(switching.headers());
        request.toNetSocket().onComplete(ar -> {
            NetSocket toApp = switching.netSocket();
            if (ar.failed()) {
                toApp.close();
                finish(502, "could not take over the client's connection: " + ar.cause().getMessage());
                return;
            }
            NetSocket toClient = ar.result();
            toClient.pipeTo(toApp);
            toApp.pipeTo(toClient);
            toClient.closeHandler(v -> toApp.close());
            toApp.closeHandler(v -> toClient.close());
            // a WebSocket is not a request in flight: draining an old instance does not wait for it
            finish(101, "WebSocket tunnel open");
        });
    }

    private boolean mayHaveBody(int status) {
        return request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }

    /** A body announced by its length (a length of 0 is streamed too: it costs little and is rare). */
    private static boolean hasContentLength(MultiMap headers) {
        return headers.contains(HttpHeaders.CONTENT_LENGTH);
    }

    static boolean isChunked(MultiMap headers) {
        for (String te : headers.getAll(HttpHeaders.TRANSFER_ENCODING)) {
            if (te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                return true;
            }
        }
        return false;
    }
}
