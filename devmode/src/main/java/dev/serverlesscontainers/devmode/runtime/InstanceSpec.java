package dev.serverlesscontainers.devmode.runtime;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.Map;

/**
 * What to start.
 *
 * @param extraEnvironment variables beyond the container's own and the platform's (temporary AWS
 *     credentials); they win over the container's {@code environment} but never over the platform's
 * @param logs where the instance's output goes, line by line
 * @param lambdaEnvironment for an {@code awsLambda} instance, the variables Lambda reserves
 *     ({@code AWS_LAMBDA_RUNTIME_API}, {@code AWS_LAMBDA_FUNCTION_NAME}, ...): they win over every
 *     other, as on Lambda, where a function cannot set them
 */
public record InstanceSpec(ProjectConfig project, ContainerConfig container, Map<String, String> extraEnvironment, LogSink logs,
                           Map<String, String> lambdaEnvironment) {
    public InstanceSpec {
        extraEnvironment = Map.copyOf(extraEnvironment);
        lambdaEnvironment = Map.copyOf(lambdaEnvironment);
    }

    public InstanceSpec(ProjectConfig project, ContainerConfig container, Map<String, String> extraEnvironment, LogSink logs) {
        this(project, container, extraEnvironment, logs, Map.of());
    }

    /** The same, for an instance of a Lambda container with these reserved variables. */
    public InstanceSpec withLambdaEnvironment(Map<String, String> variables) {
        return new InstanceSpec(project, container, extraEnvironment, logs, variables);
    }

    /** Names only: the extra variables hold temporary AWS credentials, and the container's environment may hold secrets. */
    @Override
    public String toString() {
        return "InstanceSpec[" + project.resourcePrefix() + "/" + container.name() + ", extraEnvironment="
                + new java.util.TreeSet<>(extraEnvironment.keySet()) + " (values hidden)]";
    }
}
