package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.model.routing.Route;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * DNS-rebinding protection. A web page on another site can make a browser send requests to
 * 127.0.0.1 (a name that resolves there, or a plain form post), but it cannot choose the
 * {@code Host} header its browser sends, nor hide its {@code Origin}. So the control plane answers
 * only requests whose {@code Host} names the loopback interface and whose {@code Origin}, when
 * present, is a local page.
 */
final class LocalOnly {
    private LocalOnly() {}

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Why the request is refused, or empty when it may be answered. */
    static Optional<String> refusal(String host, String origin) {
        if (host == null || !LOOPBACK_NAMES.contains(Route.normalizeHost(host))) {
            return Optional.of("the control plane answers only requests to localhost, 127.0.0.1 or [::1] (Host was "
                    + (host == null ? "missing" : host) + ")");
        }
        if (origin != null && !localOrigin(origin)) {
            return Optional.of("the control plane does not answer pages from other sites (Origin was " + origin + ")");
        }
        return Optional.empty();
    }

    /**
     * Why a request that changes something (a restart) is refused, or empty. A page of another local
     * site, such as an app behind the proxy on localhost:3000, passes {@link #refusal} but must not
     * steer containers: a browser's request is taken only from the control plane's own pages, known by
     * an {@code Origin} that is this very server and, where the browser sends it, {@code Sec-Fetch-Site}.
     * Tools such as curl send neither and are answered.
     */
    static Optional<String> writeRefusal(String host, String origin, String fetchSite) {
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            return Optional.of("the control plane takes changes only from its own page or from tools such as curl (Origin was "
                    + origin + ")");
        }
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return Optional.of("the control plane takes changes only from its own page or from tools such as curl (Sec-Fetch-Site was "
                    + fetchSite + ")");
        }
        return Optional.empty();
    }

    /** A page served from this machine: loopback names, or any *.localhost name (browsers resolve those to loopback). */
    private static boolean localOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
            return LOOPBACK_NAMES.contains(host) || host.equals("::1") || host.endsWith(".localhost");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
