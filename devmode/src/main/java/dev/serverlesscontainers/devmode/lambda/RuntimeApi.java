package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.devmode.http.Servers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Lambda Runtime API ({@code 2018-06-01}) of one instance, as Lambda serves it inside each
 * execution environment: the runtime asks for its next event with {@code GET
 * /2018-06-01/runtime/invocation/next} (held open until there is one), then posts the outcome to
 * {@code .../invocation/ID/response} or {@code .../ID/error}; a runtime that cannot initialise
 * posts {@code /runtime/init/error}. One instance runs one invocation at a time, so the API holds
 * at most one waiting {@code next} and one invocation in progress.
 *
 * <p>Its address is the instance's {@code AWS_LAMBDA_RUNTIME_API}. Every request is on this
 * server's event loop; {@link #offer} comes from the proxy's, hence the lock.
 */
public final class RuntimeApi implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime/";
    static final String REQUEST_ID = "Lambda-Runtime-Aws-Request-Id";
    static final String DEADLINE = "Lambda-Runtime-Deadline-Ms";
    static final String FUNCTION_ARN = "Lambda-Runtime-Invoked-Function-Arn";
    static final String TRACE_ID = "Lambda-Runtime-Trace-Id";
    static final String RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode";
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    /** The trailer a streaming runtime sends with {@link #ERROR_TYPE} for an error after its response began: the error document, base64. */
    static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";
    /** Lambda's response payload limit for a buffered invocation: 6 MB (6,291,456 bytes). */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    /** Lambda's limit for a streamed response: 20 MB. */
    public static final long MAX_STREAMED_BYTES = 20L * 1024 * 1024;

    private final HttpServer server;
    private final String functionArn;
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    private final Object lock = new Object();
    private HttpServerRequest waiting;
    private Invocation running;
    private Consumer<RuntimeApi> onIdle = api -> { };
    private Consumer<Invocation> onDone = invocation -> { };
    private volatile String initError;

    private RuntimeApi(HttpServer server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    /**
     * Listens on {@code host}, on a port of its own, and returns once bound.
     *
     * @throws IOException when the address cannot be bound
     */
    public static RuntimeApi start(Vertx vertx, String host, String functionArn) throws IOException {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0).setCompressionSupported(false));
        RuntimeApi api = new RuntimeApi(server, functionArn);
        server.requestHandler(api::handle).connectionHandler(RequestTrailers::install).exceptionHandler(e -> { });
        Servers.listen(server, host, 0);
        return api;
    }

    /** The port it listens on; {@code AWS_LAMBDA_RUNTIME_API} is the host the instance reaches it by and this port. */
    public int port() {
        return server.actualPort();
    }

    /** Completes when the runtime first asks for an event: it has initialised, and the instance is a handler. */
    public CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    /** What the runtime posted to {@code /runtime/init/error}, if it did. */
    public Optional<String> initError() {
        return Optional.ofNullable(initError);
    }

    /** Called (outside the lock) each time the runtime waits for an event and none is running. */
    void onIdle(Consumer<RuntimeApi> listener) {
        this.onIdle = listener;
    }

    /** Called when the running invocation got its outcome (before the runtime asks for the next one). */
    void onDone(Consumer<Invocation> listener) {
        this.onDone = listener;
    }

    /** The invocation in progress, or null. */
    Invocation running() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * Hands the invocation to the runtime if it is waiting for one; false when it is busy or has not
     * asked yet. {@code deadlineMs} is the epoch millisecond by which it must be done.
     */
    boolean offer(Invocation invocation, long deadlineMs) {
        HttpServerRequest next;
        synchronized (lock) {
            if (waiting == null || running != null) {
                return false;
            }
            next = waiting;
            waiting = null;
            running = invocation;
        }
        next.response()
                .putHeader("Content-Type", "application/json")
                .putHeader(REQUEST_ID, invocation.requestId())
                .putHeader(DEADLINE, String.valueOf(deadlineMs))
                .putHeader(FUNCTION_ARN, functionArn)
                .putHeader(TRACE_ID, invocation.traceId() == null ? "" : invocation.traceId())
                .end(invocation.event());
        return true;
    }

    /** Ends the running invocation without an outcome from the runtime (it timed out, or the instance died); returns it. */
    Invocation abort() {
        synchronized (lock) {
            Invocation i = running;
            running = null;
            return i;
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (!path.startsWith(PREFIX)) {
            reply(request, 404, "UnknownPath", "no such path in the Runtime API 2018-06-01: " + path);
            return;
        }
        String rest = path.substring(PREFIX.length());
        if (rest.equals("invocation/next") && request.method().name().equals("GET")) {
            next(request);
        } else if (rest.equals("init/error") && request.method().name().equals("POST")) {
            request.body().onSuccess(body -> {
                initError = describeError(request.getHeader(ERROR_TYPE), body);
                reply(request, 202, null, null);
            });
        } else if (rest.startsWith("invocation/") && request.method().name().equals("POST")
                && (rest.endsWith("/response") || rest.endsWith("/error"))) {
            String id = rest.substring("invocation/".length(), rest.lastIndexOf('/'));
            outcome(request, id, rest.endsWith("/error"));
        } else {
            reply(request, 404, "UnknownPath", "no such resource in the Runtime API 2018-06-01: " + request.method() + " " + path);
        }
    }

    private void next(HttpServerRequest request) {
        boolean idle;
        synchronized (lock) {
            if (waiting != null) {
                // a runtime polls once at a time; a second poll replaces a connection that went away
                waiting.response().setStatusCode(409).end();
            }
            waiting = request;
            idle = running == null;
        }
        request.connection().closeHandler(v -> {
            synchronized (lock) {
                if (waiting == request) {
                    waiting = null;
                }
            }
        });
        firstPoll.complete(null);
        if (idle) {
            onIdle.accept(this);
        }
    }

    private void outcome(HttpServerRequest request, String id, boolean error) {
        Invocation invocation;
        synchronized (lock) {
            invocation = running != null && running.requestId().equals(id) ? running : null;
        }
        if (invocation == null) {
            request.resume();
            reply(request, 400, "InvalidRequestID", "no invocation " + id + " is running");
            return;
        }
        if (error) {
            request.body().onSuccess(body -> {
                finish(invocation);
                deliverFailure(invocation, new FunctionError(FunctionError.Kind.HANDLER,
                        Optional.ofNullable(request.getHeader(ERROR_TYPE)).orElse("Unhandled"),
                        describeError(request.getHeader(ERROR_TYPE), body)));
                reply(request, 202, null, null);
            });
        } else if ("streaming".equalsIgnoreCase(request.getHeader(RESPONSE_MODE))) {
            stream(request, invocation);
        } else {
            buffered(request, invocation);
        }
    }

    private void buffered(HttpServerRequest request, Invocation invocation) {
        Buffer payload = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (!tooLarge[0] && payload.length() + chunk.length() > MAX_RESPONSE_BYTES) {
                tooLarge[0] = true;
            } else if (!tooLarge[0]) {
                payload.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            finish(invocation);
            if (tooLarge[0]) {
                // Lambda answers the runtime 413 and fails the invocation
                deliverFailure(invocation, new FunctionError(FunctionError.Kind.RESPONSE_TOO_LARGE, "Function.ResponseSizeTooLarge",
                        "the response payload exceeds Lambda's limit of " + MAX_RESPONSE_BYTES + " bytes"));
                reply(request, 413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).");
                return;
            }
            if (invocation.settle()) {
                invocation.listener().buffered(payload);
            }
            reply(request, 202, null, null);
        });
    }

    private void stream(HttpServerRequest request, Invocation invocation) {
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("application/octet-stream");
        if (!invocation.isSettled()) {
            invocation.listener().streamStarted(contentType);
        }
        long[] sent = {0};
        request.handler(chunk -> {
            sent[0] += chunk.length();
            if (sent[0] <= MAX_STREAMED_BYTES && !invocation.isSettled()) {
                invocation.listener().streamChunk(chunk);
            }
        });
        request.exceptionHandler(e -> {
            finish(invocation);
            if (invocation.settle()) {
                invocation.listener().streamEnded(new FunctionError(FunctionError.Kind.RUNTIME_EXIT, "Runtime.ExitError",
                        "the streamed response broke off: " + e.getMessage()));
            }
        });
        request.endHandler(v -> {
            finish(invocation);
            FunctionError error = sent[0] > MAX_STREAMED_BYTES
                    ? new FunctionError(FunctionError.Kind.RESPONSE_TOO_LARGE, "Function.ResponseSizeTooLarge",
                            "the streamed response exceeds Lambda's limit of " + MAX_STREAMED_BYTES + " bytes")
                    : midstreamError(request).orElse(null);
            if (invocation.settle()) {
                invocation.listener().streamEnded(error);
            }
            reply(request, 202, null, null);
        });
    }

    /**
     * The error a runtime reported in the trailers of a streamed response: for Lambda the response
     * itself went well (the runtime gets 202), and the error goes on to whoever reads the stream.
     */
    private static Optional<FunctionError> midstreamError(HttpServerRequest request) {
        return RequestTrailers.of(request, ERROR_TYPE).map(type -> {
            Buffer document = RequestTrailers.of(request, ERROR_BODY).map(RuntimeApi::base64).orElse(Buffer.buffer());
            return new FunctionError(FunctionError.Kind.HANDLER, type,
                    describeError(type, document) + " (after the streamed response began)");
        });
    }

    private static Buffer base64(String text) {
        try {
            return Buffer.buffer(Base64.getDecoder().decode(text.trim()));
        } catch (IllegalArgumentException notBase64) {
            return Buffer.buffer(text);
        }
    }

    /** The invocation has its outcome: the instance is free for the next one once it asks. */
    private void finish(Invocation invocation) {
        boolean wasRunning;
        synchronized (lock) {
            wasRunning = running == invocation;
            if (wasRunning) {
                running = null;
            }
        }
        if (wasRunning) {
            onDone.accept(invocation);
        }
    }

    private static void deliverFailure(Invocation invocation, FunctionError error) {
        if (invocation.settle()) {
            invocation.listener().failed(error);
        }
    }

    /** The runtime's error document ({@code errorType}, {@code errorMessage}) in one line. */
    static String describeError(String typeHeader, Buffer body) {
        String type = typeHeader;
        String message = body.toString();
        try {
            JsonObject json = body.toJsonObject();
            type = json.getString("errorType", type);
            message = json.getString("errorMessage", message);
        } catch (RuntimeException notJson) {
            // a runtime may post anything; show it as it came
        }
        return (type == null || type.isBlank() ? "" : type + ": ") + message;
    }

    private static void reply(HttpServerRequest request, int status, String errorType, String message) {
        JsonObject body = errorType == null ? new JsonObject().put("status", "OK")
                : new JsonObject().put("errorMessage", message).put("errorType", errorType);
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public void close() {
        synchronized (lock) {
            waiting = null;
        }
        Servers.close(server);
    }
}
