package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Headers that describe one connection, not the message (RFC 9110 section 7.6.1): a proxy drops them,
 * and any header the {@code Connection} header names, and sets its own framing.
 *
 * <p>This runs twice per request, so it allocates nothing beyond the copies in the common case: names
 * are compared without lower-casing them, and the extra names a {@code Connection} header lists are
 * gathered only when there are any.
 */
final class HopByHopHeaders {
    private HopByHopHeaders() {}

    private static final String[] NAMES = {"connection", "keep-alive", "proxy-connection", "proxy-authenticate",
        "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"};
    /** The proxy answers {@code 100 Continue} itself, so {@code Expect} stays behind too, and so does scf-dev's own marker. */
    private static final String[] REQUEST_ONLY = {"expect", DesyncGuard.AMBIGUITY_HEADER};
    private static final String[] NONE = {};

    /** Copies end-to-end headers; {@code Expect} stays behind too, as the proxy answers {@code 100 Continue} itself. */
    static void copyRequest(MultiMap from, MultiMap to) {
        copy(from, to, REQUEST_ONLY);
    }

    static void copyResponse(MultiMap from, MultiMap to) {
        copy(from, to, NONE);
    }

    private static void copy(MultiMap from, MultiMap to, String[] alsoDropped) {
        List<String> listed = connectionTokens(from);
        for (Map.Entry<String, String> h : from) {
            String name = h.getKey();
            if (!isAnyOf(name, NAMES) && !isAnyOf(name, alsoDropped) && (listed == null || !listed(name, listed))) {
                to.add(name, h.getValue());
            }
        }
    }

    /** The header names the {@code Connection} header lists beyond {@code close} and {@code keep-alive}; null when none. */
    private static List<String> connectionTokens(MultiMap headers) {
        List<String> tokens = null;
        for (String value : headers.getAll("connection")) {
            for (String token : value.split(",")) {
                String t = token.strip();
                if (!t.isEmpty() && !t.equalsIgnoreCase("close") && !t.equalsIgnoreCase("keep-alive")) {
                    if (tokens == null) {
                        tokens = new ArrayList<>();
                    }
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }

    private static boolean isAnyOf(String name, String[] names) {
        for (String n : names) {
            if (n.length() == name.length() && n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listed(String name, List<String> tokens) {
        for (String t : tokens) {
            if (t.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
