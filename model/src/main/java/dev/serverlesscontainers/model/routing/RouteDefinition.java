package dev.serverlesscontainers.model.routing;

import dev.serverlesscontainers.model.config.ComputeType;
import java.util.Optional;

/**
 * What one container asks to serve, before ordering: its optional domain (host-header pattern) and
 * its path pattern, in the order the containers are written. The domain is as the config binder
 * yields it: lower case, without a trailing dot (requests' hosts are normalized by
 * {@link Route#normalizeHost} to compare with it).
 */
public record RouteDefinition(String container, Optional<String> domain, String pathPattern, ComputeType computeType) {}
