package dev.serverlesscontainers.model.config;

import dev.serverlesscontainers.model.load.Problem;

import dev.serverlesscontainers.model.naming.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved, validated {@code serverless.containers.yml} for one stage: every variable substituted,
 * every default applied. Containers keep the file's order.
 *
 * @param configFile the file it was loaded from, as given
 * @param projectDir the folder that holds it; {@code src} folders are inside it
 * @param name the {@code name} (or {@code namespace}) that prefixes every resource
 * @param warnings what was accepted but deserves attention (defaults taken, settings not deployed)
 * @param sourceFiles every file the load read or looked for, absolute: the configuration, the {@code .env}
 *     files it consulted, each file {@code ${file()}} named (nested and absent ones too); a change to any
 *     of them can change this configuration, a change to any other file cannot
 */
public record ProjectConfig(
        Path configFile,
        Path projectDir,
        String name,
        String stage,
        DeploymentConfig deployment,
        Map<String, ContainerConfig> containers,
        List<Problem> warnings,
        List<Path> sourceFiles) {

    public ProjectConfig {
        containers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(containers));
        warnings = List.copyOf(warnings);
        sourceFiles = List.copyOf(sourceFiles);
    }

    /** {@code <name>-<stage>}, the prefix of every resource name. */
    public String resourcePrefix() {
        return Names.prefix(name, stage);
    }

    public Optional<ContainerConfig> container(String containerName) {
        return Optional.ofNullable(containers.get(containerName));
    }

    public boolean hasFargate() {
        return containers.values().stream().anyMatch(c -> c.compute().type() == ComputeType.AWS_FARGATE_ECS);
    }

    public boolean hasLambda() {
        return containers.values().stream().anyMatch(c -> c.compute().type() == ComputeType.AWS_LAMBDA);
    }
}
