package dev.serverlesscontainers.model.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code build}: how the image is built.
 *
 * @param dockerFileString a whole Dockerfile, used instead of {@code src/Dockerfile}
 * @param args {@code --build-arg} values
 * @param options extra {@code docker build} flags, one per element ({@code --target=awsLambda}), as written;
 *     {@link dev.serverlesscontainers.model.image.BuildOptions} reads them
 */
public record BuildConfig(Optional<String> dockerFileString, Map<String, String> args, List<String> options) {
    public BuildConfig {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        options = List.copyOf(options);
    }

    public static BuildConfig defaults() {
        return new BuildConfig(Optional.empty(), Map.of(), List.of());
    }
}
