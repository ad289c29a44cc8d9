package dev.serverlesscontainers.devmode.liveconfig;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One load of the configuration while scf-dev runs.
 *
 * @param config the configuration when it is valid; empty when it has problems (already shown to the user)
 * @param sourceFiles the files the load read or looked for, valid or not: what the next edit to watch for is
 *     made in; empty when the load did not get as far as the file (AWS could not be reached, say)
 */
public record ConfigLoad(Optional<ProjectConfig> config, List<Path> sourceFiles) {
    public ConfigLoad {
        sourceFiles = List.copyOf(sourceFiles);
    }

    public static ConfigLoad of(ProjectConfig config) {
        return new ConfigLoad(Optional.of(config), config.sourceFiles());
    }
}
