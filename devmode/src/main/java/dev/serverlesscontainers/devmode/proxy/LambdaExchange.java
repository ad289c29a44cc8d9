package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A request to an {@code awsLambda} container, as its function URL (buffered invoke mode) and the
 * Lambda Web Adapter handle it: the whole request body is read first (it becomes the invocation
 * event) and refused when over Lambda's payload limit; the app gets it with a {@code Content-Length};
 * the invocation may run for the function's timeout and no longer; the whole response is read and
 * checked against the response payload limit before the client sees any of it.
 */
final class LambdaExchange extends Exchange {
    /** Lambda's synchronous invocation request payload limit: 6 MB (6,291,456 bytes). */
    static final long MAX_REQUEST_BYTES = 6L * 1024 * 1024;
    /** The response limit measured on AWS: 6 MB plus 100 bytes ("Exceeded maximum allowed payload size (6291556 bytes)"). */
    static final long MAX_RESPONSE_BYTES = 6L * 1024 * 1024 + 100;

    private final LambdaFunction function;
    private long deadlineTimer = -1;

    LambdaExchange(Vertx vertx, ProxyOptions options, Origins origins, HttpServerRequest request, Route route,
                   MultiMap headers, Upstream upstream, LambdaFunction function) {
        super(vertx, options, origins, request, route, headers, upstream);
        this.function = function;
    }

    @Override
    void start() {
        long declared = contentLength(request.headers());
        if (declared > MAX_REQUEST_BYTES) {
            fail(Failure.lambdaRequestTooLarge(route.container(), declared));
            return;
        }
        Buffer body = collect(request, MAX_REQUEST_BYTES, size -> fail(Failure.lambdaRequestTooLarge(route.container(), size)));
        request.endHandler(v -> {
            if (!finished) {
                headers.set(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
                deadlineTimer = vertx.setTimer(function.timeout().toMillis(), id -> timedOut());
                connect(this::requestOptions, out -> out.send(body).onComplete(r -> {
                    if (r.failed()) {
                        fail(Failure.upstream(r.cause(), route.computeType(), route.container()));
                    } else if (!finished) {
                        respond(r.result());
                    }
                }));
            }
        });
        request.resume();
    }

    private void respond(HttpClientResponse in) {
        long declared = contentLength(in.headers());
        if (declared > MAX_RESPONSE_BYTES) {
            tooLarge(declared);
            return;
        }
        Buffer body = collect(in, MAX_RESPONSE_BYTES, this::tooLarge);
        in.exceptionHandler(e -> fail(Failure.upstream(e, route.computeType(), route.container())));
        in.endHandler(v -> {
            if (finished) {
                return;
            }
            HttpServerResponse response = request.response();
            ResponseStep.run(ResponseStep.RELAY, ResponseStep.Head.of(in), response);
            if (request.method() != HttpMethod.HEAD) {
                response.headers().set(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
            }
            response.end(body);
            finish(in.statusCode(), "");
        });
    }

    private void tooLarge(long responseBytes) {
        fail(Failure.lambdaResponseTooLarge(route.container(), responseBytes));
        upstreamRequest.reset(); // after answering: the reset fails the request, which must not answer again
    }

    private void timedOut() {
        if (!finished) {
            fail(Failure.lambdaTimeout(route.container(), function.timeout()));
            if (upstreamRequest != null) {
                upstreamRequest.reset(); // after answering: the reset fails the request, which must not answer again
            }
        }
    }

    @Override
    void finish(int status, String note) {
        if (deadlineTimer >= 0) {
            vertx.cancelTimer(deadlineTimer);
        }
        super.finish(status, note);
    }

    static long contentLength(MultiMap headers) {
        String value = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
