package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.supervisor.Fleet;
import java.util.Map;

/**
 * What the control plane reports on and steers.
 *
 * @param urls each container's address through the proxy, as printed at start
 * @param routes each container's rule ({@code admin.example.com/*}, {@code /api/*})
 */
public record ControlContext(String project, String stage, String runtime, String proxyUrl, Map<String, String> urls,
                             Map<String, String> routes, Map<String, String> healthChecks, Fleet fleet, LogHub logs) {
    public ControlContext {
        urls = Map.copyOf(urls);
        routes = Map.copyOf(routes);
        healthChecks = Map.copyOf(healthChecks);
    }
}
