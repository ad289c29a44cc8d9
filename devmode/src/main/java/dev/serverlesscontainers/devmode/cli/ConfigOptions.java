package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.model.ConfigException;
import dev.serverlesscontainers.model.ConfigLoader;
import dev.serverlesscontainers.model.Defaults;
import dev.serverlesscontainers.model.ProjectConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that reads the configuration takes. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = Defaults.CONFIG_FILE_NAME,
            description = "The configuration file (default: ${DEFAULT-VALUE} in this folder).")
    Path config;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = Defaults.STAGE,
            description = "The stage whose params apply (default: ${DEFAULT-VALUE}; env: SERVERLESS_STAGE).")
    String stage;

    public Path config() {
        return config;
    }

    public String stage() {
        return stage;
    }

    /** The file for the stage, or empty when it has problems, which are then printed to {@code err} (exit with 2). */
    public Optional<ProjectConfig> load(Map<String, String> environment, PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(config, stage, environment));
        } catch (ConfigException e) {
            ValidateCommand.printProblems(err, e);
            return Optional.empty();
        }
    }
}
