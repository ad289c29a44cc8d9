package dev.serverlesscontainers.model.image;

import dev.serverlesscontainers.model.config.ContainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a container's image runs a JVM: its Dockerfile's last stage starts from a Java image, or,
 * without a Dockerfile, the generated one is Java's. JVM apps are the ones that outgrow Lambda's
 * 10-second init.
 */
public final class JvmApp {
    private JvmApp() {}

    private static final Pattern FROM_LINE = Pattern.compile("^\\s*FROM\\s+(?:--\\S+\\s+)*(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVA_IMAGE = Pattern.compile(
            "(jdk|jre|java|temurin|corretto|graalvm|zulu|liberica|semeru|quarkus|spring)", Pattern.CASE_INSENSITIVE);

    public static boolean isJvm(ContainerConfig container) {
        Optional<String> dockerfile = container.build().dockerFileString().or(() -> read(container.src().resolve("Dockerfile")));
        if (dockerfile.isPresent()) {
            String lastImage = null;
            for (String line : dockerfile.get().lines().toList()) {
                var m = FROM_LINE.matcher(line);
                if (m.find()) {
                    lastImage = m.group(1).toLowerCase(Locale.ROOT);
                }
            }
            return lastImage != null && JAVA_IMAGE.matcher(lastImage).find();
        }
        return AppDetector.detect(container.src()).kind() == AppKind.JAVA;
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
