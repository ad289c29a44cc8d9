package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers that describe one connection, not the message (RFC 9110 section 7.6.1): a proxy drops them,
 * and any header the {@code Connection} header names, and sets its own framing.
 */
final class HopByHopHeaders {
    private HopByHopHeaders() {}

    private static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    /** Copies end-to-end headers; {@code Expect} stays behind too, as the proxy answers {@code 100 Continue} itself. */
    static void copyRequest(MultiMap from, MultiMap to) {
        copy(from, to, Set.of("expect"));
    }

    static void copyResponse(MultiMap from, MultiMap to) {
        copy(from, to, Set.of());
    }

    private static void copy(MultiMap from, MultiMap to, Set<String> alsoDropped) {
        Set<String> dropped = new HashSet<>(NAMES);
        dropped.addAll(alsoDropped);
        for (String value : from.getAll("connection")) {
            for (String token : value.split(",")) {
                dropped.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        for (Map.Entry<String, String> h : from) {
            if (!dropped.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }
}
