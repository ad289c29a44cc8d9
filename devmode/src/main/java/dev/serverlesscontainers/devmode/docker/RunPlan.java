package dev.serverlesscontainers.devmode.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.image.AppKind;
import dev.serverlesscontainers.model.image.BaseImages;
import dev.serverlesscontainers.model.image.DetectedApp;
import dev.serverlesscontainers.model.image.BuildOptions;
import dev.serverlesscontainers.model.image.BuildPlan;
import dev.serverlesscontainers.model.image.DockerIgnore;
import dev.serverlesscontainers.model.image.DockerfileGenerator;
import dev.serverlesscontainers.model.image.SourceHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one container runs in Docker, decided from its source folder and settings alone:
 * <ul>
 *   <li>{@link MountedSource}: a Node.js or Python app without a Dockerfile of its own runs with
 *       {@code src} mounted read-only at {@code /app}, in its base image when it has nothing to
 *       install, else in a {@link DependencyImage} built once per set of dependencies, so a change
 *       to its code needs only a new container;</li>
 *   <li>{@link BuiltImage}: anything else is built into an image (from {@code build.dockerFileString},
 *       {@code src/Dockerfile}, or the generated Dockerfile the deploy uses), tagged by a hash of what
 *       it is built from, so an unchanged container is never rebuilt.</li>
 * </ul>
 */
sealed interface RunPlan permits RunPlan.MountedSource, RunPlan.BuiltImage {

    String MOUNT_POINT = "/app";

    /** What a message calls this way of running: "src mounted into node:20-slim". */
    String description();

    /**
     * Whether the container runs a command that reloads the app by itself on changes (a
     * {@code package.json} dev script, mounted): only then may scf-dev leave its files unwatched.
     */
    boolean reloadsItself();

    /**
     * @param baseVariable the environment variable that overrides {@code image}, for messages
     * @param command the start command, one {@code sh -c} string
     * @param reloadsItself the command is a dev script that reloads the app itself
     * @param dependencies the image with the app's dependencies installed, {@code image}, built when missing;
     *     empty when the app runs in the base image
     */
    record MountedSource(Path src, String image, String baseVariable, String command, Map<String, String> environment,
            boolean reloadsItself, Optional<BuiltImage> dependencies) implements RunPlan {
        @Override
        public String description() {
            return "src mounted into " + image + dependencies.map(d -> " (" + d.from() + ")").orElse("");
        }

        /** The same way of running, without how its image is built. */
        MountedSource withoutDependencies() {
            return new MountedSource(src, image, baseVariable, command, environment, reloadsItself, Optional.empty());
        }
    }

    /**
     * @param dockerfile the Dockerfile's text, or empty to build {@code src/Dockerfile} as it is
     * @param imageName repository and tag: {@code scf-dev/hello-api:0123456789abcdef}
     * @param generated the Dockerfile is the generated one, starting from the configurable base images
     */
    record BuiltImage(Path src, Optional<String> dockerfile, DockerIgnore ignore, BuildOptions options,
            Map<String, String> buildArgs, String imageName, String from, boolean generated) implements RunPlan {
        @Override
        public String description() {
            return "image " + imageName + " built from " + from;
        }

        /** An image runs its production command: a change needs a new image. */
        @Override
        public boolean reloadsItself() {
            return false;
        }
    }

    ObjectMapper JSON = new ObjectMapper();

    /**
     * @param engineSeesSrc whether the engine can mount {@code src} (it runs on this machine)
     * @throws StartFailure when there is nothing scf-dev knows how to run
     */
    static RunPlan of(String project, ContainerConfig container, BaseImages images, boolean engineSeesSrc) throws StartFailure {
        Path src = container.src();
        BuildPlan build = BuildPlan.of(container);
        if (build.dockerfile() instanceof BuildPlan.DockerfileSource.Inline inline) {
            return built(project, container, build, Optional.of(inline.text()), BuildPlan.INLINE_ORIGIN, false);
        }
        if (build.dockerfile() instanceof BuildPlan.DockerfileSource.OwnFile own) {
            return built(project, container, build, Optional.empty(), own.origin(), false);
        }
        DetectedApp app = ((BuildPlan.DockerfileSource.ToGenerate) build.dockerfile()).app();
        if (engineSeesSrc && (app.kind() == AppKind.NODE || app.kind() == AppKind.PYTHON) && app.devCommand().isPresent()) {
            boolean node = app.kind() == AppKind.NODE;
            Map<String, String> environment = node ? Map.of() : Map.of("PYTHONUNBUFFERED", "1", "PYTHONDONTWRITEBYTECODE", "1");
            String variable = node ? BaseImages.NODE_VARIABLE : BaseImages.PYTHON_VARIABLE;
            if (nothingToInstall(src, app.kind())) {
                return new MountedSource(src, node ? images.node() : images.python(), variable,
                        DockerfileGenerator.shellCommand(app.devCommand().get()), environment, app.reloadsItself(), Optional.empty());
            }
            // the dev script whenever there is one, as SCF's dev mode ran it: the app reloads itself, and a change of its
            // dependencies takes a restart (which builds the dependency image again)
            BuiltImage dependencies = DependencyImage.plan(project, container, app.kind(), images);
            return new MountedSource(src, dependencies.imageName(), variable, DockerfileGenerator.shellCommand(app.devCommand().get()),
                    environment, app.reloadsItself(), Optional.of(dependencies));
        }
        Optional<String> generated = DockerfileGenerator.generate(src, app, images);
        if (generated.isEmpty()) {
            throw new StartFailure("container " + container.name() + ": " + container.srcAsWritten()
                    + " has no Dockerfile and scf-dev cannot tell how to start it (" + app.description()
                    + "); add a Dockerfile to it or set build.dockerFileString");
        }
        return built(project, container, build, generated, "a generated Dockerfile (" + app.description() + ")", true);
    }

    private static BuiltImage built(String project, ContainerConfig container, BuildPlan build, Optional<String> dockerfile,
            String from, boolean generated) {
        return built(project, container, build.options(), build.args(), dockerfile, build.ignore(), from, generated, "");
    }

    /**
     * @param args every build arg, {@code build.args} and {@code --build-arg} options merged
     * @param tagPrefix what the tag starts with, before the hash of what the image is built from
     */
    static BuiltImage built(String project, ContainerConfig container, BuildOptions options, Map<String, String> args,
            Optional<String> dockerfile, DockerIgnore ignore, String from, boolean generated, String tagPrefix) {
        args = new TreeMap<>(args);
        List<String> settings = new ArrayList<>();
        settings.add("dockerfile:" + dockerfile.orElse("src/Dockerfile"));
        settings.add("target:" + options.target().orElse(""));
        settings.add("platform:" + options.platform().orElse(""));
        args.forEach((k, v) -> settings.add("arg:" + k + "=" + v));
        String hash = SourceHash.of(container.src(), ignore, settings);
        String name = repository(project, container.name()) + ":" + tagPrefix + SourceHash.tag(hash);
        return new BuiltImage(container.src(), dockerfile, ignore, options, Map.copyOf(args), name, from, generated);
    }

    /** {@code scf-dev/<project>-<container>}, in the characters an image repository allows. */
    static String repository(String project, String container) {
        String cleaned = (project + "-" + container).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return "scf-dev/" + (cleaned.isEmpty() ? "app" : cleaned);
    }

    /**
     * Whether the app runs from its source as it is: Node.js without dependencies, or with
     * {@code node_modules} already installed in {@code src}; Python with no requirements to install.
     */
    static boolean nothingToInstall(Path src, AppKind kind) {
        if (kind == AppKind.NODE) {
            if (Files.isDirectory(src.resolve("node_modules"))) {
                return true;
            }
            try {
                JsonNode pkg = JSON.readTree(src.resolve("package.json").toFile());
                return pkg.path("dependencies").isEmpty() && pkg.path("optionalDependencies").isEmpty();
            } catch (IOException e) {
                return false;
            }
        }
        if (Files.isRegularFile(src.resolve("pyproject.toml"))) {
            return false;
        }
        Path requirements = src.resolve("requirements.txt");
        if (!Files.isRegularFile(requirements)) {
            return true;
        }
        try {
            return Files.readAllLines(requirements).stream().map(String::trim).allMatch(l -> l.isEmpty() || l.startsWith("#"));
        } catch (IOException e) {
            return false;
        }
    }
}
