package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.model.Defaults;
import java.nio.file.Path;
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
}
