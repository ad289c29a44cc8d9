package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.devmode.logs.LogEntry;
import dev.serverlesscontainers.devmode.logs.LogHub;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Containers' logs as server-sent events ({@code text/event-stream}): the recent lines first, then
 * every new line as it is written, each as {@code event: log} with a JSON {@code data} line. A
 * client that reads too slowly misses lines rather than slowing the apps down.
 */
final class LogStream {
    private LogStream() {}

    /** Lines replayed to a new stream. */
    static final int REPLAY = 100;
    static final long HEARTBEAT_MS = 15_000;

    static void open(Vertx vertx, HttpServerResponse response, LogHub logs, String container) {
        Context context = vertx.getOrCreateContext();
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        response.write(": scf-dev logs" + (container == null ? "" : " of " + container) + "\n\n");
        for (LogEntry e : logs.recent(container, REPLAY)) {
            response.write(event(e));
        }
        Runnable unsubscribe = logs.subscribe(e -> {
            if (container == null || container.equals(e.container())) {
                context.runOnContext(v -> {
                    if (!response.closed() && !response.writeQueueFull()) {
                        response.write(event(e));
                    }
                });
            }
        });
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

    static String event(LogEntry e) {
        JsonObject data = new JsonObject()
                .put("time", e.time().toString())
                .put("container", e.container())
                .put("instance", e.instance())
                .put("stream", e.source().label())
                .put("line", e.text());
        return "event: log\ndata: " + data.encode() + "\n\n";
    }
}
