package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.model.image.BaseImages;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the Docker runtime works for one {@code scf-dev} run.
 *
 * @param baseImages the images generated Dockerfiles and mounted apps start from ({@code node:20-slim}
 *     unless overridden, e.g. for a registry mirror)
 * @param debug show every build's output as it runs ({@code --debug}); otherwise only a failed build's
 * @param sessionId labels everything this run makes; one per run
 * @param notices one-line messages for the user (leftovers removed, build options ignored)
 */
public record DockerSettings(BaseImages baseImages, boolean debug, String sessionId, Consumer<String> notices) {
    public DockerSettings {
        Objects.requireNonNull(baseImages, "baseImages");
        Objects.requireNonNull(notices, "notices");
        if (sessionId == null || !sessionId.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("a session id is 1-64 letters, digits, '_', '.' or '-' (got " + sessionId + ")");
        }
    }

    /** Base images from the {@code SCF_BASE_IMAGE_*} variables of {@code environment}, and a new session id. */
    public static DockerSettings from(Map<String, String> environment, boolean debug, Consumer<String> notices) {
        return new DockerSettings(BaseImages.from(environment), debug, newSessionId(), notices);
    }

    /** Twelve random hex digits. */
    public static String newSessionId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
