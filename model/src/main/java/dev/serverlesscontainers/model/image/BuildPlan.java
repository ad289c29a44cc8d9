package dev.serverlesscontainers.model.image;

import dev.serverlesscontainers.model.config.ContainerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a container's image is built from, decided once for the deploy and for {@code scf-dev}:
 * the Dockerfile ({@code build.dockerFileString}, else {@code src/Dockerfile}, else one generated for
 * the detected app), {@code build.options} read by {@link BuildOptions}, the build args
 * ({@code build.args} with {@code --build-arg} options over them) and the {@code .dockerignore}
 * rules of the build context.
 *
 * @param ignoreLines {@code src/.dockerignore}, then for a generated Dockerfile the folders generated
 *     images leave out wherever they are
 */
public record BuildPlan(DockerfileSource dockerfile, BuildOptions options, Map<String, String> args, List<String> ignoreLines) {

    public BuildPlan {
        args = Collections.unmodifiableMap(new TreeMap<>(args));
        ignoreLines = List.copyOf(ignoreLines);
    }

    /** Where the Dockerfile comes from, in the order the choice is made. */
    public sealed interface DockerfileSource {
        /** {@code build.dockerFileString}: the whole Dockerfile, written in the config. */
        record Inline(String text) implements DockerfileSource {}

        /** {@code src/Dockerfile}, built as it is; {@code origin} names it as the user wrote {@code src}. */
        record OwnFile(Path file, String text, String origin) implements DockerfileSource {}

        /** Neither: one is generated for the app found in {@code src} (when it can be). */
        record ToGenerate(DetectedApp app) implements DockerfileSource {}
    }

    /** The origin of an inline Dockerfile, for listings and messages. */
    public static final String INLINE_ORIGIN = "build.dockerFileString";

    /** Plans the build from the container's settings and its source folder (reads, writes nothing). */
    public static BuildPlan of(ContainerConfig container) {
        Path src = container.src();
        BuildOptions options = BuildOptions.parse(container.build().options());
        Map<String, String> args = new TreeMap<>(container.build().args());
        args.putAll(options.buildArgs());
        List<String> ignore = new ArrayList<>(readLines(src.resolve(".dockerignore")));
        DockerfileSource dockerfile;
        Path own = src.resolve("Dockerfile");
        if (container.build().dockerFileString().isPresent()) {
            dockerfile = new DockerfileSource.Inline(container.build().dockerFileString().get());
        } else if (Files.isRegularFile(own)) {
            dockerfile = new DockerfileSource.OwnFile(own, read(own), container.srcAsWritten() + "/Dockerfile");
        } else {
            dockerfile = new DockerfileSource.ToGenerate(AppDetector.detect(src));
            DockerfileGenerator.GENERATED_BUILD_EXCLUDES.forEach(folder -> ignore.add("**/" + folder));
        }
        return new BuildPlan(dockerfile, options, args, ignore);
    }

    /** The text of the user's Dockerfile, inline or {@code src/Dockerfile}; empty when one is to be generated. */
    public Optional<String> dockerfileText() {
        if (dockerfile instanceof DockerfileSource.Inline inline) {
            return Optional.of(inline.text());
        }
        if (dockerfile instanceof DockerfileSource.OwnFile own) {
            return Optional.of(own.text());
        }
        return Optional.empty();
    }

    public DockerIgnore ignore() {
        return DockerIgnore.parse(ignoreLines);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
