package dev.serverlesscontainers.model.config;

import java.util.Map;

/**
 * An entry of {@code integrations} (SCF's {@code schedule}, {@code awsEventBridge} and {@code slack}).
 * Loaded and validated so SCF files work; not deployed yet.
 *
 * @param settings the entry's other keys, values as JSON text
 */
public record IntegrationConfig(String name, String type, Map<String, String> settings) {
    public IntegrationConfig {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
