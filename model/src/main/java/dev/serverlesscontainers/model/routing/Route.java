package dev.serverlesscontainers.model.routing;

import dev.serverlesscontainers.model.config.ComputeType;
import java.util.Locale;
import java.util.Optional;

/**
 * One rule of the routing table: requests whose host matches {@code host} (any host when empty) and
 * whose path matches {@code pathPattern} go to {@code container}. Rules are tried in the order of
 * {@link RoutingTable#routes()}.
 */
public record Route(String container, Optional<String> host, String pathPattern, ComputeType computeType) {

    /** ALB semantics: host case-insensitive, path case-sensitive, both fully matched with wildcards. */
    public boolean matches(String normalizedHost, String path) {
        if (host.isPresent() && !Wildcard.matches(host.get(), normalizedHost)) {
            return false;
        }
        return Wildcard.matches(pathPattern, path);
    }

    /** A request's Host header as rules compare it: lower case, without port or trailing dot. */
    public static String normalizeHost(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A request target as rules compare it: the path alone, without query or fragment. */
    public static String pathOf(String requestTarget) {
        if (requestTarget == null || requestTarget.isEmpty()) {
            return "/";
        }
        int cut = requestTarget.length();
        int q = requestTarget.indexOf('?');
        if (q >= 0) {
            cut = q;
        }
        int f = requestTarget.indexOf('#');
        if (f >= 0 && f < cut) {
            cut = f;
        }
        return requestTarget.substring(0, cut);
    }

    /**
     * Whether every request this rule matches is matched by {@code other} too, so that this rule can
     * never win when {@code other} comes first.
     */
    public boolean isCoveredBy(Route other) {
        if (other.host.isPresent() && (host.isEmpty() || !Wildcard.covers(other.host.get(), host.get()))) {
            return false;
        }
        return Wildcard.covers(other.pathPattern, pathPattern);
    }

    /**
     * Two rules with the same host and path pattern match the same requests; a config may hold only one
     * of them.
     */
    public boolean hasSameConditionsAs(Route other) {
        return host.equals(other.host) && pathPattern.equals(other.pathPattern);
    }

    /**
     * The characters of a pattern before its first wildcard: where a link to the route points
     * ({@code /api/*} gives {@code /api/}), what orders rules, and what a default health check requests.
     */
    public static String literalPrefix(String pattern) {
        return Wildcard.literalPrefix(pattern);
    }

    /** Whether a host or path pattern holds a {@code *} or {@code ?}. */
    public static boolean hasWildcard(String pattern) {
        return Wildcard.hasWildcard(pattern);
    }

    /** "api.example.com/api/*" or "/api/*", for listings. */
    public String describe() {
        return host.orElse("") + pathPattern;
    }
}
