package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.devmode.logs.LogEntry;
import dev.serverlesscontainers.devmode.logs.LogHub;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Containers' logs as server-sent events: the recent lines first, then every new line as it is
 * written, each as {@code event: log} with a JSON {@code data} line.
 */
final class LogStream {
    private LogStream() {}

    /** Lines replayed to a new stream. */
    static final int REPLAY = 100;

    static void open(Vertx vertx, HttpServerResponse response, LogHub logs, String container) {
        ServerSentEvents.open(vertx, response, "scf-dev logs" + (container == null ? "" : " of " + container),
                logs.recent(container, REPLAY).stream().map(LogStream::event).toList(),
                send -> logs.subscribe(e -> {
                    if (container == null || container.equals(e.container())) {
                        send.accept(event(e));
                    }
                }));
    }

    static String event(LogEntry e) {
        JsonObject data = new JsonObject()
                .put("time", e.time().toString())
                .put("container", e.container())
                .put("instance", e.instance())
                .put("stream", e.source().label())
                .put("line", e.text());
        return ServerSentEvents.event("log", data.encode());
    }
}
