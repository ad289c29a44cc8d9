package dev.serverlesscontainers.devmode.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Iterator;
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
        if (from instanceof HttpHeaders decoded && to instanceof HttpHeaders out) {
            // Vert.x's header maps on both sides (a request's, a response's, and the app's response heads
            // as AppChannels decodes them): names and values copied as decoded, no String made of them
            for (Iterator<Map.Entry<CharSequence, CharSequence>> i = decoded.iteratorCharSequence(); i.hasNext(); ) {
                Map.Entry<CharSequence, CharSequence> h = i.next();
                if (kept(h.getKey(), alsoDropped, listed)) {
                    out.add(h.getKey(), h.getValue());
                }
            }
            return;
        }
        for (Map.Entry<String, String> h : from) {
            if (kept(h.getKey(), alsoDropped, listed)) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }

    private static boolean kept(CharSequence name, String[] alsoDropped, List<String> listed) {
        return !isAnyOf(name, NAMES) && !isAnyOf(name, alsoDropped) && (listed == null || !listed(name, listed));
    }

    /** The header names the {@code Connection} header lists beyond {@code close} and {@code keep-alive}; null when none. */
    private static List<String> connectionTokens(MultiMap headers) {
        if (!headers.contains("connection")) {
            return null;
        }
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

    private static boolean isAnyOf(CharSequence name, String[] names) {
        for (String n : names) {
            if (n.length() == name.length() && AsciiString.contentEqualsIgnoreCase(n, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listed(CharSequence name, List<String> tokens) {
        for (String t : tokens) {
            if (AsciiString.contentEqualsIgnoreCase(t, name)) {
                return true;
            }
        }
        return false;
    }
}
