package dev.serverlesscontainers.components;

import com.pulumi.exceptions.RunException;
import dev.serverlesscontainers.model.load.ConfigException;
import dev.serverlesscontainers.model.load.Problem;
import java.util.List;

/**
 * A configuration the component cannot deploy. It is a {@link RunException}, the one exception type
 * the Pulumi Java SDK reports as its message alone, without a stack trace; the message is the model's
 * located text ({@code FILE:LINE:COL yaml.path: what is wrong}), one problem per line, unchanged, so
 * that the provider plugin can return it as it is.
 */
public final class InvalidConfigurationException extends RunException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidConfigurationException(ConfigException cause) {
        super(cause.getMessage(), cause);
        this.problems = cause.errors();
    }

    public InvalidConfigurationException(Problem problem) {
        this(new ConfigException(List.of(problem)));
    }

    /** The errors, each with its location. */
    public List<Problem> problems() {
        return problems;
    }
}
