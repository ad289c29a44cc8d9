package dev.serverlesscontainers.devmode.runtime;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a runtime may use from the scf-dev process that runs it. Runtimes never read the JVM's
 * environment themselves: they get it here, so that tests decide what they see.
 *
 * @param variables the environment scf-dev was started with ({@code PATH}, {@code DOCKER_HOST}, ...)
 * @param project the configuration being run
 * @param debug whether {@code --debug} asks for every step (a build's whole output, say)
 * @param notices where to tell the user something about the runtime itself ("removed 2 containers an
 *     earlier run left"); printed as they come
 */
public record RuntimeEnvironment(Map<String, String> variables, ProjectConfig project, boolean debug, Consumer<String> notices) {
    public RuntimeEnvironment {
        variables = Map.copyOf(variables);
    }
}
