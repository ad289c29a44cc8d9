package dev.serverlesscontainers.model.load;

import java.util.Map;
import java.util.Objects;

/**
 * Where variables take their values from, besides the file itself.
 *
 * @param environment what {@code ${env:NAME}} reads (the {@code .env} file beside the configuration adds
 *     the names this does not set)
 * @param options what {@code ${opt:NAME}} reads, as command-line options ({@code region}); {@code ${opt:stage}}
 *     is always the stage being loaded
 * @param aws answers {@code ${aws:region}}, {@code ${aws:accountId}} and {@code ${ssm:/name}}
 */
public record VariableSources(Map<String, String> environment, Map<String, String> options, AwsLookup aws) {
    public VariableSources {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
        Objects.requireNonNull(aws, "aws");
    }

    /** Only an environment: no options, AWS values left as placeholders for the deploy. */
    public static VariableSources of(Map<String, String> environment) {
        return new VariableSources(environment, Map.of(), AwsLookup.placeholders());
    }

    VariableSources withEnvironment(Map<String, String> replaced) {
        return new VariableSources(replaced, options, aws);
    }
}
