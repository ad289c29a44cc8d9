package dev.serverlesscontainers.components;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.load.ConfigException;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.yaml.Location;
import java.nio.file.Path;

/** Loads the model from the component's inputs: a file, or the same structure inline. */
final class ConfigSource {
    /** How messages name an inline configuration. */
    static final String INLINE_NAME = "config";

    private ConfigSource() {}

    /**
     * @param outputs where the outputs among the inputs are kept; the model holds their tokens
     * @throws InvalidConfigurationException with the model's located problems
     */
    static ProjectConfig load(ServerlessContainersArgs args, String stage, ProgramOutputs outputs) {
        try {
            if (args.configFile().isPresent() == args.config().isPresent()) {
                throw new ConfigException(java.util.List.of(new Problem(Problem.Severity.ERROR, "ServerlessContainers", Location.FILE, "",
                        "give exactly one of configFile (the path of a serverless.containers.yml) and config (the same structure inline)"
                                + (args.configFile().isPresent() ? "; both were given" : "; neither was given"))));
            }
            var environment = outputs.environment(args.environment(), args.environmentOutputs());
            if (args.configFile().isPresent()) {
                Path file = Path.of(args.configFile().get());
                // messages name the file as the user wrote it, wherever it was resolved from
                return ConfigLoader.load(args.workingDirectory().resolve(file), file.toString(), stage, environment);
            }
            String json = new ObjectMapper().writeValueAsString(outputs.tokenized(args.config().get()));
            return ConfigLoader.loadText(json, INLINE_NAME, args.workingDirectory(), stage, environment);
        } catch (ConfigException e) {
            throw new InvalidConfigurationException(e);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(new Problem(Problem.Severity.ERROR, INLINE_NAME, Location.FILE, "",
                    "cannot be written as JSON (" + e.getOriginalMessage() + ")"));
        }
    }
}
