package dev.serverlesscontainers.model.routing;

import dev.serverlesscontainers.model.ComputeType;
import java.util.Optional;

/**
 * What one container asks to serve, before ordering: its optional domain (host-header pattern) and
 * its path pattern, in the order the containers are written.
 */
public record RouteDefinition(String container, Optional<String> domain, String pathPattern, ComputeType computeType) {}
