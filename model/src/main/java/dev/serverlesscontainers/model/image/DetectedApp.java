package dev.serverlesscontainers.model.image;

import java.util.List;
import java.util.Optional;

/**
 * What {@link AppDetector} found in a source folder.
 *
 * @param productionCommand how the app starts in a deployed image ({@code ${PORT}} stands for the port)
 * @param devCommand how {@code scf-dev} starts it (a {@code package.json} dev script when there is one)
 * @param reloadsItself the dev command watches files itself, so dev mode restarts it only on a crash
 * @param hasDockerfile {@code src/Dockerfile} exists, and images are built from it
 * @param description how the command was chosen, or why none was found, for messages
 */
public record DetectedApp(
        AppKind kind,
        Optional<List<String>> productionCommand,
        Optional<List<String>> devCommand,
        boolean reloadsItself,
        boolean hasDockerfile,
        String description) {}
