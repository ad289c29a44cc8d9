package dev.serverlesscontainers.model.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code dev}: how {@code scf-dev} runs and reloads the container.
 *
 * @param onReload a shell command run before each reload's new instance starts
 * @param watchPath the folder to watch, relative to the project; defaults to {@code src}
 * @param watchExtensions extensions to react to, each starting with a dot; empty means every file
 * @param excludeDirectories folder names never watched, besides {@link Defaults#ALWAYS_EXCLUDED_DIRECTORIES}
 * @param command run this on the host instead of the detected start command (process runtime)
 */
public record DevConfig(
        Optional<String> onReload,
        Optional<String> watchPath,
        List<String> watchExtensions,
        List<String> excludeDirectories,
        Optional<String> command) {
    public DevConfig {
        watchExtensions = List.copyOf(watchExtensions);
        excludeDirectories = List.copyOf(excludeDirectories);
    }

    public static DevConfig defaults() {
        return new DevConfig(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
    }
}
