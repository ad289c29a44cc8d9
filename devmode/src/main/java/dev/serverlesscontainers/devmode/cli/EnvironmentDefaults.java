package dev.serverlesscontainers.devmode.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Defaults of options that fall back to an environment variable (named in the option's help), read
 * from the environment of this run.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    /** Option name to the environment variable that supplies its default. */
    static final Map<String, String> FALLBACKS = Map.of("--stage", "SERVERLESS_STAGE");

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec option) {
            String variable = FALLBACKS.get(option.longestName());
            if (variable != null && environment.get(variable) != null && !environment.get(variable).isBlank()) {
                return environment.get(variable);
            }
        }
        return argSpec.defaultValue();
    }
}
