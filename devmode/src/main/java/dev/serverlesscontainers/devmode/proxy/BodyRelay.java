package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams an app's response body to the client as it arrives, with back-pressure. One case is
 * short-cut: the chunk that completes a body of announced length is held for the end of the response,
 * which follows at once, so that a body arriving in one piece (most of them) leaves with its head in
 * a single write. A {@link io.vertx.core.streams.Pipe} would write head and body, then the end, and
 * pay for a future per write besides. Nothing else is held back: a partial body reaches the client
 * before the app breaks off, and a stream of events is not delayed.
 */
final class BodyRelay {
    private final HttpClientResponse in;
    private final HttpServerResponse out;
    private final Promise<Void> done = Promise.promise();
    /** The announced body length, or -1. */
    private final long length;
    private long received;
    private Buffer last;

    BodyRelay(HttpClientResponse in, HttpServerResponse out) {
        this.in = in;
        this.out = out;
        this.length = LambdaExchange.contentLength(in.headers());
    }

    /** Starts relaying; the future completes once the client has the whole response, or fails when either side broke off. */
    Future<Void> start() {
        in.exceptionHandler(done::tryFail);
        in.handler(this::relay);
        in.endHandler(v -> end());
        return done.future();
    }

    private void relay(Buffer chunk) {
        received += chunk.length();
        if (received == length && last == null) {
            last = chunk;
            return;
        }
        out.write(chunk).onFailure(done::tryFail);
        if (out.writeQueueFull()) {
            in.pause();
            out.drainHandler(v -> in.resume());
        }
    }

    private void end() {
        Buffer chunk = last;
        last = null;
        (chunk == null ? out.end() : out.end(chunk)).onComplete(ar -> {
            if (ar.succeeded()) {
                done.tryComplete();
            } else {
                done.tryFail(ar.cause());
            }
        });
    }
}
