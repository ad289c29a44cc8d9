package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.aws.AwsOptions;
import dev.serverlesscontainers.devmode.aws.AwsSetupException;
import dev.serverlesscontainers.devmode.aws.ConfigAwsLookup;
import dev.serverlesscontainers.devmode.liveconfig.ConfigLoad;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.load.VariableSources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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

    /**
     * The file for the stage with its AWS values left as placeholders, as a deploy takes them, or empty when
     * it has problems, which are then printed to {@code err} (exit with 2). For commands that only read the
     * file's shape: they work without AWS credentials.
     */
    public Optional<ProjectConfig> load(Map<String, String> environment, PrintWriter err) {
        return loadToFollow(environment, err).config();
    }

    /** {@link #load(Map, PrintWriter)} with the files the load read and what they held, for following them. */
    public ConfigLoad loadToFollow(Map<String, String> environment, PrintWriter err) {
        return attempt(() -> ConfigLoader.load(config, stage, environment), err);
    }

    /**
     * The file for the stage as the containers get it: {@code ${aws:...}} and {@code ${ssm:...}} are answered
     * by AWS with the developer's own credentials (each look-up made once per load). Empty when it has
     * problems, which are then printed to {@code err} (exit with 2).
     */
    public Optional<ProjectConfig> load(Map<String, String> environment, AwsOptions aws, PrintWriter err) {
        return loadToFollow(environment, aws, err).config();
    }

    /** {@link #load(Map, AwsOptions, PrintWriter)} with the files the load read and what they held, for following them. */
    public ConfigLoad loadToFollow(Map<String, String> environment, AwsOptions aws, PrintWriter err) {
        try (ConfigAwsLookup lookup = ConfigAwsLookup.create(aws.settings(environment))) {
            return attempt(() -> ConfigLoader.load(config, config.toString(), stage, new VariableSources(environment, Map.of(), lookup)), err);
        } catch (AwsSetupException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            err.flush();
            return ConfigLoad.beforeTheFile();
        }
    }

    private ConfigLoad attempt(Supplier<ProjectConfig> load, PrintWriter err) {
        return ConfigLoad.attempt(config, load, problems -> ValidateCommand.printProblems(err, problems));
    }
}
