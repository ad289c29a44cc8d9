package dev.serverlesscontainers.model.config;

import dev.serverlesscontainers.model.yaml.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code containers}.
 *
 * @param name the key under {@code containers}; DNS-safe, and the key every resource name derives from
 * @param src the absolute, real path of the source folder (inside the project)
 * @param srcAsWritten {@code src} as written in the file, for messages
 * @param environment the user's variables, values already strings (non-strings JSON-encoded)
 * @param iam the container's permissions; empty when neither a policy nor a role is given
 * @param location where the container's key is in the file
 */
public record ContainerConfig(
        String name,
        Path src,
        String srcAsWritten,
        RoutingConfig routing,
        Map<String, String> environment,
        Compute compute,
        Optional<IamConfig> iam,
        BuildConfig build,
        DevConfig dev,
        List<IntegrationConfig> integrations,
        Location location) {

    public ContainerConfig {
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        integrations = List.copyOf(integrations);
    }
}
