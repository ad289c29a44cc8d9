package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.MultiMap;

/**
 * The ALB's {@code X-Forwarded-*} headers. {@code X-Forwarded-For} is appended to (the ALB's default
 * "append" processing mode: the client's address is added after any the client sent);
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Port} say how the client reached the load balancer
 * and replace anything the client sent.
 */
final class ForwardedHeaders {
    private ForwardedHeaders() {}

    static final String FOR = "x-forwarded-for";
    static final String PROTO = "x-forwarded-proto";
    static final String PORT = "x-forwarded-port";

    /** Sets the headers on {@code upstream}, which already holds a copy of the client's headers. */
    static void apply(MultiMap upstream, String clientAddress, String scheme, int listenerPort) {
        // most clients send none: no list and no joined copy for them (this runs for every request)
        String existing = upstream.contains(FOR) ? String.join(", ", upstream.getAll(FOR)).strip() : "";
        upstream.set(FOR, existing.isEmpty() ? clientAddress : existing + ", " + clientAddress);
        upstream.set(PROTO, scheme);
        upstream.set(PORT, String.valueOf(listenerPort));
    }

    /** How many addresses the client's {@code X-Forwarded-For} headers hold. */
    static int addressCount(MultiMap headers) {
        if (!headers.contains(FOR)) {
            return 0; // most requests: no list made to find none
        }
        int count = 0;
        for (String value : headers.getAll(FOR)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    count++;
                }
            }
        }
        return count;
    }
}
