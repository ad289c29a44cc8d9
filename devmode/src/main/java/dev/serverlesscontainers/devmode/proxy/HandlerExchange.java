package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.lambda.FunctionError;
import dev.serverlesscontainers.devmode.lambda.Invocation;
import dev.serverlesscontainers.devmode.lambda.InvocationListener;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A request to a handler container, as its function URL runs it: the whole body is read (up to
 * Lambda's payload limit) into a payload 2.0 event, one of the container's execution environments
 * runs it, and its result becomes the response. A streamed result is passed on as it comes when
 * the function streams ({@code compute.awsLambda.streaming}); otherwise it is collected first, as
 * a function URL in buffered mode does. An error reported once the head went out can only cut the
 * response off, as a function URL does; before that, it is a 502.
 *
 * <p>Outcomes arrive on the Runtime API's threads and are handled on this exchange's context.
 */
final class HandlerExchange extends Exchange implements InvocationListener {
    private final LambdaFunction function;
    private final LambdaContextHeaders.Invocation details;
    private final Context context;
    private Invocation invocation;
    /** Streaming: the prelude collected so far, until its delimiter; null once the head is written. */
    private Buffer prelude;
    /** Buffered: the streamed response collected until its end. */
    private Buffer collected;
    private String streamType;

    HandlerExchange(Vertx vertx, ProxyOptions options, Origins origins, HttpServerRequest request, Route route, MultiMap headers,
                    Upstream upstream, LambdaFunction function, LambdaContextHeaders.Invocation details) {
        super(vertx, options, origins, request, route, headers, upstream);
        this.function = function;
        this.details = details;
        this.context = vertx.getOrCreateContext();
    }

    @Override
    void start() {
        long declared = LambdaExchange.contentLength(request.headers());
        if (declared > LambdaExchange.MAX_REQUEST_BYTES) {
            fail(Failure.lambdaRequestTooLarge(route.container(), declared));
            return;
        }
        Buffer body = collect(request, LambdaExchange.MAX_REQUEST_BYTES, size -> fail(Failure.lambdaRequestTooLarge(route.container(), size)));
        request.endHandler(v -> {
            if (!finished) {
                JsonObject event = FunctionUrlEvent.of(details, headers, body);
                invocation = Invocation.of(details.requestId(), event.toBuffer(), details.traceHeader(), this);
                upstream.invoker().orElseThrow().invoke(invocation);
            }
        });
        request.resume();
    }

    @Override
    public void buffered(Buffer payload) {
        context.runOnContext(v -> respond(payload));
    }

    @Override
    public void streamStarted(String contentType) {
        context.runOnContext(v -> {
            streamType = contentType;
            if (!function.streaming()) {
                collected = Buffer.buffer();
            } else if (contentType.startsWith(FunctionUrlResponse.HTTP_INTEGRATION)) {
                prelude = Buffer.buffer();
            } else {
                writeHead(200, HttpHeaders.headers().add(HttpHeaders.CONTENT_TYPE, contentType));
            }
        });
    }

    @Override
    public void streamChunk(Buffer chunk) {
        unlessFinished(() -> {
            if (collected != null) {
                collected.appendBuffer(chunk);
            } else if (prelude != null) {
                preludeChunk(chunk);
            } else {
                request.response().write(chunk);
            }
        });
    }

    @Override
    public void streamEnded(FunctionError error) {
        unlessFinished(() -> {
            if (collected != null) {
                endCollected(error);
            } else if (error != null && !request.response().headWritten()) {
                fail(Failure.lambdaFunctionError(route.container(), error));
            } else if (prelude != null) {
                // the stream ended inside its prelude: all of it was the prelude
                prelude.appendBuffer(Buffer.buffer(new byte[FunctionUrlResponse.PRELUDE_DELIMITER]));
                preludeChunk(Buffer.buffer());
                request.response().end();
                finish(request.response().getStatusCode(), "");
            } else if (error != null) {
                // status and headers are out: like a function URL, end the response short (no last chunk),
                // so that the client can tell a broken response from a whole one
                finish(request.response().getStatusCode(), route.container() + ": the invocation failed after its response began, "
                        + "so the response was cut off: " + error.message());
                request.response().reset();
            } else {
                request.response().end();
                finish(request.response().getStatusCode(), "");
            }
        });
    }

    @Override
    public void failed(FunctionError error) {
        context.runOnContext(v -> fail(Failure.lambdaFunctionError(route.container(), error)));
    }

    /** Runs {@code step} on the request's context, unless the response has already been finished (a timeout, a client gone). */
    private void unlessFinished(Runnable step) {
        context.runOnContext(v -> {
            if (!finished) {
                step.run();
            }
        });
    }

    private void endCollected(FunctionError error) {
        if (error != null) {
            fail(Failure.lambdaFunctionError(route.container(), error));
        } else if (streamType.startsWith(FunctionUrlResponse.HTTP_INTEGRATION)) {
            int end = delimiter(collected);
            Optional<MultiMap> head = end < 0 ? Optional.empty() : preludeHead(collected.getBuffer(0, end));
            if (head.isEmpty()) {
                fail(Failure.lambdaInvalidResponse(route.container(), "the streamed response has no valid prelude"));
                return;
            }
            send(preludeStatus, head.get(), collected.getBuffer(end + FunctionUrlResponse.PRELUDE_DELIMITER, collected.length()));
        } else {
            send(200, HttpHeaders.headers().add(HttpHeaders.CONTENT_TYPE, streamType), collected);
        }
    }

    private int preludeStatus = 200;

    private void preludeChunk(Buffer chunk) {
        prelude.appendBuffer(chunk);
        int end = delimiter(prelude);
        if (end < 0) {
            return;
        }
        Optional<MultiMap> head = preludeHead(prelude.getBuffer(0, end));
        Buffer rest = prelude.getBuffer(end + FunctionUrlResponse.PRELUDE_DELIMITER, prelude.length());
        prelude = null;
        if (head.isEmpty()) {
            fail(Failure.lambdaInvalidResponse(route.container(), "the streamed response has no valid prelude"));
            abandonInvocation();
            return;
        }
        writeHead(preludeStatus, head.get());
        if (rest.length() > 0) {
            request.response().write(rest);
        }
    }

    private Optional<MultiMap> preludeHead(Buffer json) {
        try {
            JsonObject object = json.length() == 0 ? new JsonObject() : json.toJsonObject();
            Optional<MultiMap> head = FunctionUrlResponse.head(object);
            head.ifPresent(h -> preludeStatus = FunctionUrlResponse.status(object));
            return head;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where the eight NUL bytes that end a prelude begin, or -1. */
    static int delimiter(Buffer b) {
        int run = 0;
        for (int i = 0; i < b.length(); i++) {
            run = b.getByte(i) == 0 ? run + 1 : 0;
            if (run == FunctionUrlResponse.PRELUDE_DELIMITER) {
                return i - FunctionUrlResponse.PRELUDE_DELIMITER + 1;
            }
        }
        return -1;
    }

    private void writeHead(int status, MultiMap headers) {
        if (finished) {
            return;
        }
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        response.headers().addAll(headers);
        response.headers().remove(HttpHeaders.CONTENT_LENGTH);
        response.setChunked(true);
        response.writeHead();
    }

    private void respond(Buffer payload) {
        if (finished) {
            return;
        }
        Optional<FunctionUrlResponse> mapped = FunctionUrlResponse.of(payload);
        if (mapped.isEmpty()) {
            fail(Failure.lambdaInvalidResponse(route.container(), "the handler's result is not a response a function URL accepts"));
            return;
        }
        send(mapped.get().status(), mapped.get().headers(), mapped.get().body());
    }

    private void send(int status, MultiMap headers, Buffer body) {
        if (body.length() > LambdaExchange.MAX_RESPONSE_BYTES) {
            fail(Failure.lambdaResponseTooLarge(route.container(), body.length()));
            return;
        }
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        response.headers().addAll(headers);
        if (request.method() != HttpMethod.HEAD) {
            response.headers().set(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
        }
        response.end(body);
        finish(status, "");
    }

    private void abandonInvocation() {
        if (invocation != null) {
            invocation.abandon();
        }
    }

    @Override
    void abandonUpstream() {
        abandonInvocation(); // the client went away: the invocation runs on, as on Lambda, but its outcome reaches nobody
    }
}
