package dev.serverlesscontainers.devmode.control;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@code text/event-stream} answer: recent events first, then each new one as it happens, with a
 * comment now and then so that idle connections stay open. A client that reads too slowly misses
 * events rather than slowing down whoever produces them.
 */
final class ServerSentEvents {
    private ServerSentEvents() {}

    static final long HEARTBEAT_MS = 15_000;

    /**
     * @param replay events (each {@code event: ...\ndata: ...\n\n}) written first
     * @param subscribe starts passing new events to the given sender, from any thread; returns what stops it
     */
    static void open(Vertx vertx, HttpServerResponse response, String comment, List<String> replay,
                     Function<Consumer<String>, Runnable> subscribe) {
        Context context = vertx.getOrCreateContext();
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        response.write(": " + comment + "\n\n");
        replay.forEach(response::write);
        Runnable unsubscribe = subscribe.apply(event -> context.runOnContext(v -> {
            if (!response.closed() && !response.writeQueueFull()) {
                response.write(event);
            }
        }));
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> {
            if (!response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(v -> {
            unsubscribe.run();
            vertx.cancelTimer(heartbeat);
        });
    }

    /** One event of the given type with a single line of data (JSON, which has no raw line breaks). */
    static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
