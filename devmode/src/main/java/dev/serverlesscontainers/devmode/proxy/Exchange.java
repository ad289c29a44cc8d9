package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongConsumer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * One request on its way to an instance and back. Everything about one exchange happens on the
 * event loop of the client's connection, so its state needs no locks.
 */
abstract class Exchange {
    /** Methods that may safely be sent twice (RFC 9110 section 9.2.2). */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    final Vertx vertx;
    final ProxyOptions options;
    final Origins origins;
    final HttpServerRequest request;
    final Route route;
    /**
     * The headers that go to the app. Built up front for Lambda, whose event and context headers need
     * them; null for a streaming exchange, which writes them into the upstream request once connected,
     * so that the client's headers are copied once on the way, not twice ({@link #writeHeaders}).
     */
    final MultiMap headers;
    private boolean closeUpstream;
    private final long startNanos = System.nanoTime();
    Upstream upstream;
    HttpClientRequest upstreamRequest;
    boolean finished;
    /** Said in the access log of an exchange that ends well. */
    private String note = "";
    private boolean closeClient;

    Exchange(Vertx vertx, ProxyOptions options, Origins origins, HttpServerRequest request, Route route, MultiMap headers,
             Upstream upstream) {
        this.vertx = vertx;
        this.options = options;
        this.origins = origins;
        this.request = request;
        this.route = route;
        this.headers = headers;
        this.upstream = upstream;
        request.response().closeHandler(v -> {
            if (!finished) {
                // the client went away (the ALB logs such requests with status 460); finished first, so that
                // the failure the reset causes on the app's side is not taken for the app's fault (a 502)
                finish(460, "the client closed the connection");
                abandonUpstream();
            }
        });
        request.exceptionHandler(this::requestFailed);
    }

    /**
     * The request broke off while its body was read. The parser's verdict on a malformed body (a bad
     * chunk size, a chunk longer than it says) is a 400, like a malformed head; the server then closes
     * the connection. A client that went away is the close handler's business (460).
     */
    void requestFailed(Throwable cause) {
        if (cause instanceof HttpClosedException) {
            return;
        }
        fail(Failure.badRequest("malformed request body: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage())));
        abandonUpstream();
    }

    abstract void start();

    /** The ALB's request steps ({@link RequestStep#ALB}) on the client's headers, written into {@code into}. */
    static MultiMap albHeaders(HttpServerRequest request, MultiMap into) {
        return RequestStep.run(RequestStep.ALB, new RequestStep.Outgoing(request.headers(), request.remoteAddress().hostAddress(),
                request.scheme(), request.localAddress().port(), into));
    }

    /** Writes the headers that go to the app into {@code into}: the ALB's steps, then this exchange's own. */
    void writeHeaders(MultiMap into) {
        albHeaders(request, into);
        if (closeUpstream) {
            into.set(HttpHeaders.CONNECTION, "close");
        }
    }

    /** Whether the app's connection is to be closed after this exchange ({@link #closeAfterwards}). */
    boolean closesUpstream() {
        return closeUpstream;
    }

    /** Whether a response with this status to this request has a body (RFC 9112 section 6.3). */
    boolean mayHaveBody(int status) {
        return request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }

    /**
     * Closes the client's connection once this exchange is over, and has the app's closed after its
     * response (the request carries {@code Connection: close}), saying so in the access log.
     */
    void closeAfterwards(String why) {
        closeUpstream = true;
        if (headers != null) {
            headers.set(HttpHeaders.CONNECTION, "close");
        }
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        closeClient = true;
        note = why;
    }

    /**
     * Opens a request to the current upstream and hands it to {@code connected}; when connecting
     * fails, retries once where {@link #replacementFor} allows it, else answers with the failure.
     */
    void connect(Function<Upstream, RequestOptions> requestOptions, Handler<HttpClientRequest> connected) {
        connect(requestOptions, connected, false);
    }

    private void connect(Function<Upstream, RequestOptions> requestOptions, Handler<HttpClientRequest> connected, boolean retried) {
        origins.client(upstream).request(requestOptions.apply(upstream)).onComplete(ar -> {
            if (ar.succeeded()) {
                // failures reach the exchange through the response future; without a handler of its own, a
                // reset (a malformed body, a client gone) is logged as SEVERE into the developer's terminal
                ar.result().exceptionHandler(e -> { });
            }
            if (finished) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                // Connecting failed, so not a byte of this request reached the instance: see replacementFor.
                Upstream next = retried ? null : replacementFor(upstream);
                if (next != null) {
                    upstream.release();
                    upstream = next;
                    connect(requestOptions, connected, true);
                } else {
                    fail(Failure.upstream(ar.cause(), route.computeType(), route.container(), true));
                }
                return;
            }
            upstreamRequest = ar.result();
            connected.handle(upstreamRequest);
        });
    }

    RequestOptions requestOptions(Upstream target) {
        return new RequestOptions()
                .setServer(Origins.address(target))
                .setMethod(request.method())
                .setURI(ProxyHandler.originForm(request))
                .setHeaders(headers)
                .setConnectTimeout(options.connectTimeout().toMillis());
    }

    /**
     * The instance to try again after connecting to {@code failed} did not work, or null. Only when
     * nothing was sent (the connection was never made), only for idempotent methods, only once, and
     * only when {@code failed} is no longer the container's current instance: it is being replaced,
     * and the current one is healthy. A request that reached an instance is never sent twice.
     */
    Upstream replacementFor(Upstream failed) {
        if (!IDEMPOTENT.contains(request.method())) {
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!(origins.state(route.container()) instanceof TargetState.Serving serving) || serving.upstream() == failed) {
                return null;
            }
            if (serving.upstream().tryAcquire()) {
                return serving.upstream();
            }
        }
        return null;
    }

    /**
     * Gives up the request to the app: resets it and closes its connection. Once the app's response has
     * begun, a reset alone leaves the connection open with the rest of the response unread, and the app
     * stuck writing into it for good. No other request uses an HTTP/1.1 connection meanwhile.
     */
    void abandonUpstream() {
        if (upstreamRequest != null) {
            upstreamRequest.reset();
            upstreamRequest.connection().close();
        }
    }

    void fail(Failure failure) {
        if (finished) {
            return;
        }
        failure.respond(request);
        finish(failure.status(), failure.reason());
    }

    /** Ends the exchange once: counts the request out of its instance and writes the access log. */
    void finish(int status, String note) {
        if (finished) {
            return;
        }
        finished = true;
        if (upstream != null) {
            upstream.release();
        }
        if (closeClient) {
            request.connection().close();
        }
        if (options.logsAccess()) {
            options.accessLog().accept(new AccessLogEntry(request.method().name(), request.uri(), route.container(), route.describe(),
                    upstream == null ? "" : upstream.instanceId(), status, Duration.ofNanos(System.nanoTime() - startNanos),
                    note.isEmpty() ? this.note : note, request.getHeader(HttpHeaders.HOST)));
        }
    }

    /** Reads a body into memory up to {@code limit} bytes; past it, calls {@code tooLarge} with the size reached. */
    Buffer collect(ReadStream<Buffer> stream, long limit, LongConsumer tooLarge) {
        Buffer body = Buffer.buffer();
        stream.handler(chunk -> {
            if (finished) {
                return;
            }
            long size = body.length() + (long) chunk.length();
            if (size > limit) {
                tooLarge.accept(size);
            } else {
                body.appendBuffer(chunk);
            }
        });
        return body;
    }
}
