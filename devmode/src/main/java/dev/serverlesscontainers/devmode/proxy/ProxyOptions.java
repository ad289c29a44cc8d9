package dev.serverlesscontainers.devmode.proxy;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the proxy listens and how long it waits.
 *
 * @param idleTimeout how long a target may stay silent before the proxy answers 504, as the ALB's idle
 *     timeout (60 s by default on AWS)
 * @param connectTimeout how long connecting to a target may take before the proxy answers 504; the ALB
 *     gives up after 10 s
 * @param accessLog called once per answered request
 */
public record ProxyOptions(String host, int port, Duration idleTimeout, Duration connectTimeout, Consumer<AccessLogEntry> accessLog) {
    /** The ALB's default idle timeout. */
    public static final Duration ALB_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** The ALB's connection timeout to targets ("HTTP 504: ... before the connection timeout expired (10 seconds)"). */
    public static final Duration ALB_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** No access log: the proxy then does not even build the entries. */
    public static final Consumer<AccessLogEntry> NO_ACCESS_LOG = e -> { };

    public static ProxyOptions of(String host, int port) {
        return new ProxyOptions(host, port, ALB_IDLE_TIMEOUT, ALB_CONNECT_TIMEOUT, NO_ACCESS_LOG);
    }

    /** Whether answered requests are to be logged. */
    boolean logsAccess() {
        return accessLog != NO_ACCESS_LOG;
    }

    public ProxyOptions withIdleTimeout(Duration d) {
        return new ProxyOptions(host, port, d, connectTimeout, accessLog);
    }

    public ProxyOptions withConnectTimeout(Duration d) {
        return new ProxyOptions(host, port, idleTimeout, d, accessLog);
    }

    public ProxyOptions withAccessLog(Consumer<AccessLogEntry> log) {
        return new ProxyOptions(host, port, idleTimeout, connectTimeout, log);
    }
}
