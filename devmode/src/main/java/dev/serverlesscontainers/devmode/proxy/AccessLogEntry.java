package dev.serverlesscontainers.devmode.proxy;

import java.time.Duration;

/**
 * One request the proxy answered, for {@code --debug}.
 *
 * @param container the container the rule chose; empty when no rule matched or the request was refused
 * @param rule the rule that matched ({@code /api/*}, {@code admin.example.com/*}), or empty
 * @param note why the proxy answered itself (a failure), or empty when the app answered
 * @param host the request's {@code Host} header as sent, or empty
 */
public record AccessLogEntry(String method, String uri, String container, String rule, String instance, int status, Duration latency,
                             String note, String host) {

    public AccessLogEntry {
        host = host == null ? "" : host;
    }

    /** An entry whose Host is not known. */
    public AccessLogEntry(String method, String uri, String container, String rule, String instance, int status, Duration latency,
                          String note) {
        this(method, uri, container, rule, instance, status, latency, note, "");
    }

    /** {@code GET /api/x -> api (rule /api/*, pid 12): 200 in 3 ms}. */
    public String describe() {
        // a hostile target may hold control bytes: the entry stays one printable line
        StringBuilder b = new StringBuilder(method).append(' ').append(Failure.printable(uri)).append(" -> ");
        if (container.isEmpty()) {
            b.append("(no rule)");
        } else {
            b.append(container).append(" (rule ").append(rule).append(instance.isEmpty() ? "" : ", " + instance).append(')');
        }
        b.append(": ").append(status).append(" in ").append(latency.toMillis()).append(" ms");
        if (!note.isEmpty()) {
            b.append(": ").append(Failure.printable(note));
        }
        return b.toString();
    }
}
