package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.docker.DockerRuntimeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code scf-dev dev}, checked: a value here is one the start-up can use. The configuration
 * file and AWS flags are apart ({@link ConfigOptions}, {@code AwsOptions}); they are checked as they are read.
 *
 * @param runtime {@code --runtime}: one of {@link RuntimeSelection#CHOICES}
 * @param baseImages {@code --base-image}: a base image's name, one of {@link DockerRuntimeProvider#BASE_IMAGE_NAMES}, to its image
 * @param debugPorts {@code --debug-port} as given; checked against the containers once the file is read
 */
record DevOptions(boolean debug, int proxyPort, int controlPort, String runtime, String host, Duration startTimeout,
                  int lambdaMaxInstances, Map<String, String> baseImages, Optional<Path> logFile, List<String> debugPorts) {

    /** A flag's value scf-dev cannot use; the message names the flag and the value. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    DevOptions {
        baseImages = Map.copyOf(baseImages);
        debugPorts = List.copyOf(debugPorts);
    }

    /** Checks every flag; the first that cannot be used is the {@link Invalid} thrown. */
    static DevOptions checked(boolean debug, int proxyPort, int controlPort, String runtime, String host, int startTimeoutSeconds,
                              int lambdaMaxInstances, Map<String, String> baseImages, Path logFile, List<String> debugPorts) throws Invalid {
        if (!RuntimeSelection.CHOICES.contains(runtime)) {
            throw new Invalid("--runtime must be one of " + String.join(", ", RuntimeSelection.CHOICES) + " (got " + runtime + ")");
        }
        for (int port : new int[] {proxyPort, controlPort}) {
            if (port < 0 || port > 65535) {
                throw new Invalid("ports are 0 to 65535 (got " + port + ")");
            }
        }
        if (proxyPort != 0 && proxyPort == controlPort) {
            throw new Invalid("--port-proxy and --port-control must differ (both " + proxyPort + ")");
        }
        if (lambdaMaxInstances < 1) {
            throw new Invalid("--lambda-max-instances must be at least 1 (got " + lambdaMaxInstances + ")");
        }
        if (startTimeoutSeconds < 1) {
            throw new Invalid("--start-timeout must be at least 1 second (got " + startTimeoutSeconds + ")");
        }
        for (Map.Entry<String, String> e : baseImages.entrySet()) {
            if (!DockerRuntimeProvider.BASE_IMAGE_NAMES.containsKey(e.getKey())) {
                throw new Invalid("--base-image takes NAME=IMAGE with NAME one of " + String.join(", ", DockerRuntimeProvider.BASE_IMAGE_NAMES.keySet())
                        + " (got " + e.getKey() + ")");
            }
            if (e.getValue().isBlank()) {
                throw new Invalid("--base-image " + e.getKey() + "= needs an image, such as mirror.example.com/library/node:20-slim");
            }
        }
        return new DevOptions(debug, proxyPort, controlPort, runtime, host, Duration.ofSeconds(startTimeoutSeconds), lambdaMaxInstances,
                baseImages, Optional.ofNullable(logFile), debugPorts);
    }
}
