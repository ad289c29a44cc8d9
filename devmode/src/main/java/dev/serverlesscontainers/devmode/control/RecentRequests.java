package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.devmode.proxy.AccessLogEntry;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last requests the proxy answered, for the dashboard and {@code GET /api/requests}: fed by the
 * proxy's access log (on its event loops, so it only keeps and hands on), read by live streams.
 */
public final class RecentRequests implements Consumer<AccessLogEntry> {
    /** Requests kept; a new stream gets them first. */
    public static final int KEPT = 200;

    /** A request and when it arrived. */
    public record Answered(Instant time, AccessLogEntry entry) {}

    private final Clock clock;
    private final Deque<Answered> recent = new ArrayDeque<>();
    private final List<Consumer<Answered>> subscribers = new CopyOnWriteArrayList<>();

    public RecentRequests(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(AccessLogEntry entry) {
        // the entry is written when the answer is done: it arrived its latency earlier
        Answered answered = new Answered(clock.instant().minus(entry.latency()), entry);
        synchronized (recent) {
            recent.addLast(answered);
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
        for (Consumer<Answered> s : subscribers) {
            s.accept(answered);
        }
    }

    /** Oldest first. */
    public List<Answered> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** Calls {@code subscriber} with every request from now on, from any thread, until the returned handle is run. */
    public Runnable subscribe(Consumer<Answered> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    static JsonObject json(Answered a) {
        AccessLogEntry e = a.entry();
        String uri = e.uri();
        int query = uri.indexOf('?');
        return new JsonObject()
                .put("time", a.time().toString())
                .put("method", e.method())
                .put("host", e.host())
                .put("path", query < 0 ? uri : uri.substring(0, query))
                .put("query", query < 0 ? "" : uri.substring(query + 1))
                .put("rule", e.rule())
                .put("container", e.container())
                .put("instance", e.instance())
                .put("status", e.status())
                .put("latencyMs", e.latency().toNanos() / 1_000_000.0)
                .put("note", e.note());
    }
}
