package dev.serverlesscontainers.devmode.liveconfig;

import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.load.ConfigException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One load of the configuration, to be followed while scf-dev runs.
 *
 * @param config the configuration when it is valid; empty when it has problems (already shown to the user)
 * @param sourceFiles the files the load read or looked for, valid or not, each with what it held for the load: what
 *     the next edit to watch for is made in, and what it is compared with; empty when the load did not get as far
 *     as the file (AWS could not be reached, say)
 */
public record ConfigLoad(Optional<ProjectConfig> config, Map<Path, FileContent> sourceFiles) {
    public ConfigLoad {
        sourceFiles = Collections.unmodifiableMap(new LinkedHashMap<>(sourceFiles));
    }

    /** A load that ended before it read the file. */
    public static ConfigLoad beforeTheFile() {
        return new ConfigLoad(Optional.empty(), Map.of());
    }

    /**
     * Runs {@code load}, which reads {@code configFile}. The file's content is taken before the load begins, so an
     * edit made while it runs or at any time after is a change to whoever follows this load; the files the load
     * finds it reads ({@code .env}, imports) are read as soon as it ends.
     *
     * @param problems shows the user what is wrong when the file is invalid
     */
    public static ConfigLoad attempt(Path configFile, Supplier<ProjectConfig> load, Consumer<ConfigException> problems) {
        Map<Path, FileContent> readFirst = FileContent.read(List.of(configFile.toAbsolutePath().normalize()));
        try {
            ProjectConfig config = load.get();
            return new ConfigLoad(Optional.of(config), contents(config.sourceFiles(), readFirst));
        } catch (ConfigException e) {
            problems.accept(e);
            return new ConfigLoad(Optional.empty(), contents(e.sourceFiles(), readFirst));
        }
    }

    private static Map<Path, FileContent> contents(List<Path> files, Map<Path, FileContent> readFirst) {
        Map<Path, FileContent> contents = new LinkedHashMap<>();
        files.forEach(file -> contents.put(file, readFirst.containsKey(file) ? readFirst.get(file) : FileContent.of(file)));
        return contents;
    }
}
