package dev.serverlesscontainers.model.config;

import dev.serverlesscontainers.model.routing.Route;
import java.util.Optional;

/**
 * {@code routing}: which requests reach the container.
 *
 * @param domain the custom domain, lower-cased; empty means any host
 * @param pathPattern an ALB path pattern ({@code *} any run of characters, {@code ?} one)
 * @param pathHealthCheck the path health checks request; defaulted from the pattern when not set
 * @param healthCheckDefaulted whether {@code pathHealthCheck} was derived rather than written
 */
public record RoutingConfig(Optional<String> domain, String pathPattern, String pathHealthCheck, boolean healthCheckDefaulted) {

    /**
     * The health-check path a pattern implies: its prefix before the first wildcard, without a trailing
     * slash, or {@code /} when that leaves nothing ({@code /api/*} gives {@code /api}).
     */
    public static String defaultHealthCheck(String pathPattern) {
        String prefix = Route.literalPrefix(pathPattern);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix.isEmpty() ? "/" : prefix;
    }
}
