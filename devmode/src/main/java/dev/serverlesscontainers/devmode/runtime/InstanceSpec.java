package dev.serverlesscontainers.devmode.runtime;

import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.ProjectConfig;
import java.util.Map;

/**
 * What to start.
 *
 * @param extraEnvironment variables beyond the container's own and the platform's (temporary AWS
 *     credentials); they win over the container's {@code environment} but never over the platform's
 * @param logs where the instance's output goes, line by line
 */
public record InstanceSpec(ProjectConfig project, ContainerConfig container, Map<String, String> extraEnvironment, LogSink logs) {
    public InstanceSpec {
        extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** Names only: the extra variables hold temporary AWS credentials, and the container's environment may hold secrets. */
    @Override
    public String toString() {
        return "InstanceSpec[" + project.resourcePrefix() + "/" + container.name() + ", extraEnvironment="
                + new java.util.TreeSet<>(extraEnvironment.keySet()) + " (values hidden)]";
    }
}
