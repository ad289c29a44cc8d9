package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ContainerEnvironment;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a container's code run directly on this machine: an instance of the process
 * runtime, and the command of {@code scf-dev run}. One place, so that a script run as a container
 * sees exactly what the container's instances see.
 */
public final class HostAppEnvironment {
    private HostAppEnvironment() {}

    /**
     * scf-dev's own environment (PATH, HOME, ...) without the developer's AWS identity, since an app
     * must act as its role or not at all; then the container's {@code environment}, then
     * {@code extra} (its role's temporary credentials), then the platform's variables ({@code PORT},
     * {@code SERVERLESS_*}), which always win.
     */
    public static Map<String, String> of(Map<String, String> host, ProjectConfig project, ContainerConfig container,
                                         Map<String, String> extra, int port) {
        Map<String, String> env = new LinkedHashMap<>(host);
        AwsVariables.DEVELOPER_IDENTITY.forEach(env::remove);
        env.putAll(AwsVariables.HOST_APP_DEFAULTS);
        env.putAll(container.environment());
        env.putAll(extra);
        env.putAll(ContainerEnvironment.platform(project, container, port, true));
        // Python buffers its output when it is not a terminal; logs should appear as they are written
        env.putIfAbsent("PYTHONUNBUFFERED", "1");
        return env;
    }
}
