package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each container is reached through the proxy. A domain-routed container is listed under
 * {@code DOMAIN.localhost}: browsers resolve every {@code *.localhost} name to the loopback
 * address, and the proxy routes such a request as if its Host were {@code DOMAIN}.
 */
final class RouteListing {
    private RouteListing() {}

    private static final Set<String> LOCAL_BINDS = Set.of("127.0.0.1", "localhost", "0.0.0.0", "::", "::1", "[::1]", "[::]");

    /** Container name to URL, in routing order. */
    static Map<String, String> urls(ProjectConfig config, String bindHost, int port) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (Route r : RoutingTable.of(config).routes()) {
            urls.put(r.container(), url(r, bindHost, port));
        }
        return urls;
    }

    /** Like the deploy's {@code containers.<name>.url}: the pattern's literal start, a link that opens. */
    static String url(Route route, String bindHost, int port) {
        String path = Route.literalPrefix(route.pathPattern());
        boolean local = LOCAL_BINDS.contains(bindHost);
        String host = local ? "localhost" : bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
        if (route.host().isPresent()) {
            if (local) {
                return "http://" + route.host().get() + ".localhost:" + port + path;
            }
            return "http://" + host + ":" + port + path + " (Host: " + route.host().get() + ")";
        }
        return "http://" + host + ":" + port + path;
    }
}
