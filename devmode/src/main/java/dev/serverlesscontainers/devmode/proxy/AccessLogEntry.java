package dev.serverlesscontainers.devmode.proxy;

import java.time.Duration;

/**
 * One request the proxy answered, for {@code --debug}.
 *
 * @param container the container the rule chose; empty when no rule matched or the request was refused
 * @param note why the proxy answered itself (a failure), or empty when the app answered
 */
public record AccessLogEntry(String method, String uri, String container, String instance, int status, Duration latency, String note) {

    /** {@code GET /api/x -> api (pid 12) 200 3 ms}. */
    public String describe() {
        StringBuilder b = new StringBuilder(method).append(' ').append(uri).append(" -> ");
        b.append(container.isEmpty() ? "(no container)" : container);
        if (!instance.isEmpty()) {
            b.append(" (").append(instance).append(')');
        }
        b.append(' ').append(status).append(' ').append(latency.toMillis()).append(" ms");
        if (!note.isEmpty()) {
            b.append(": ").append(note);
        }
        return b.toString();
    }
}
