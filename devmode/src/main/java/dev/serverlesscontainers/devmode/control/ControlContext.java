package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.devmode.aws.RoleStatus;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.supervisor.Fleet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the control plane reports on and steers.
 *
 * @param urls each container's address through the proxy, as printed at start
 * @param routes each container's rule ({@code admin.example.com/*}, {@code /api/*})
 * @param roles each container's AWS role and the state of its credentials (never the credentials);
 *     empty when the run does not deal with AWS
 * @param redactor masks secrets in every answer, as a last line of defence
 */
public record ControlContext(String project, String stage, String runtime, String proxyUrl, Map<String, String> urls,
                             Map<String, String> routes, Map<String, String> healthChecks, Fleet fleet, LogHub logs,
                             Supplier<List<RoleStatus>> roles, UnaryOperator<String> redactor) {
    public ControlContext {
        urls = Map.copyOf(urls);
        routes = Map.copyOf(routes);
        healthChecks = Map.copyOf(healthChecks);
    }

    /** A run without AWS roles. */
    public ControlContext(String project, String stage, String runtime, String proxyUrl, Map<String, String> urls,
                          Map<String, String> routes, Map<String, String> healthChecks, Fleet fleet, LogHub logs) {
        this(project, stage, runtime, proxyUrl, urls, routes, healthChecks, fleet, logs, List::of, UnaryOperator.identity());
    }
}
