package dev.serverlesscontainers.model.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a container's process gets, the same locally and when deployed: the user's
 * {@code environment}, then the platform's variables, which always win.
 */
public final class ContainerEnvironment {
    private ContainerEnvironment() {}

    public static final String PORT = "PORT";
    public static final String NAMESPACE = "SERVERLESS_NAMESPACE";
    public static final String STAGE = "SERVERLESS_STAGE";
    public static final String CONTAINER_NAME = "SERVERLESS_CONTAINER_NAME";
    public static final String COMPUTE_TYPE = "SERVERLESS_COMPUTE_TYPE";
    public static final String ROUTING_PATH_PATTERN = "SERVERLESS_ROUTING_PATH_PATTERN";
    /** Set to {@code true} only in {@code scf-dev}. */
    public static final String LOCAL = "SERVERLESS_LOCAL";

    /**
     * @param port the port the app must listen on
     * @param local true in {@code scf-dev}, false when deployed
     */
    public static Map<String, String> of(ProjectConfig project, ContainerConfig container, int port, boolean local) {
        Map<String, String> env = new LinkedHashMap<>(container.environment());
        env.putAll(platform(project, container, port, local));
        return env;
    }

    /** Only the platform's variables. */
    public static Map<String, String> platform(ProjectConfig project, ContainerConfig container, int port, boolean local) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PORT, String.valueOf(port));
        env.put(NAMESPACE, project.name());
        env.put(STAGE, project.stage());
        env.put(CONTAINER_NAME, container.name());
        env.put(COMPUTE_TYPE, container.compute().type().configName());
        env.put(ROUTING_PATH_PATTERN, container.routing().pathPattern());
        if (local) {
            env.put(LOCAL, "true");
        }
        return env;
    }
}
