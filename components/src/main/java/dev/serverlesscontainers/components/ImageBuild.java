package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.Compute;
import dev.serverlesscontainers.model.ComputeType;
import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.Problem;
import dev.serverlesscontainers.model.ProjectConfig;
import dev.serverlesscontainers.model.build.AppDetector;
import dev.serverlesscontainers.model.build.BaseImages;
import dev.serverlesscontainers.model.build.DetectedApp;
import dev.serverlesscontainers.model.build.DockerIgnore;
import dev.serverlesscontainers.model.build.DockerfileGenerator;
import dev.serverlesscontainers.model.build.HandlerImage;
import dev.serverlesscontainers.model.build.SourceHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one container's image is built: which Dockerfile (the container's own, {@code build.dockerFileString},
 * or one generated for its language), the Lambda variant with the Lambda Web Adapter for Lambda
 * containers, the build args and platform, and the image tag: a hash of the build context's contents
 * and of every build setting, so an unchanged container keeps its tag and is not rebuilt.
 *
 * @param dockerfile the Dockerfile the build reads: {@code src/Dockerfile} itself, or a written one
 * @param dockerfileText what that Dockerfile says
 * @param origin how the Dockerfile came about, for listings and messages
 * @param ignoredOptions {@code build.options} the deploy cannot pass to the build
 */
record ImageBuild(
        Path context,
        Path dockerfile,
        String dockerfileText,
        boolean dockerfileWritten,
        Optional<String> target,
        Map<String, String> args,
        String platform,
        String tag,
        String origin,
        List<String> ignoredOptions) {

    /** Where written Dockerfiles go, under the project folder; ignored by the content hash. */
    static final String WORK_FOLDER = ".serverless-containers";
    /** The platform images are built for unless {@code build.options} names one. */
    static final String DEFAULT_PLATFORM = "linux/amd64";

    /** Plans the build (reads the source, writes nothing). */
    static ImageBuild plan(ProjectConfig project, ContainerConfig container, BaseImages images) {
        Path src = container.src();
        String text;
        String origin;
        boolean userFile = false;
        List<String> ignoreLines = new ArrayList<>(readLines(src.resolve(".dockerignore")));
        if (container.build().dockerFileString().isPresent()) {
            text = container.build().dockerFileString().get();
            origin = "build.dockerFileString";
        } else if (Files.isRegularFile(src.resolve("Dockerfile"))) {
            text = read(src.resolve("Dockerfile"));
            origin = container.srcAsWritten() + "/Dockerfile";
            userFile = true;
        } else {
            DetectedApp app = AppDetector.detect(src);
            Optional<String> generated = DockerfileGenerator.generate(src, app, images);
            if (generated.isEmpty()) {
                throw new InvalidConfigurationException(new Problem(Problem.Severity.ERROR, project.configFile().toString(),
                        container.location(), "containers." + container.name() + ".src",
                        container.srcAsWritten() + " has no Dockerfile and no image can be generated for it: " + app.description()
                                + " (add a Dockerfile, or set build.dockerFileString)"));
            }
            text = generated.get();
            origin = "generated for " + DockerfileGenerator.kindName(app.kind()) + " (" + app.description() + ")";
            ignoreLines.addAll(DockerfileGenerator.GENERATED_BUILD_EXCLUDES);
        }
        Optional<String> target = container.build().target();
        Optional<String> handler = container.compute().type() == ComputeType.AWS_LAMBDA
                ? HandlerImage.reason(src, text, target) : Optional.empty();
        if (container.compute() instanceof Compute.Lambda lambdaSettings && handler.isEmpty()) {
            DockerfileGenerator.Dockerfile lambda = DockerfileGenerator.withLambdaAdapter(text, target,
                    container.routing().pathHealthCheck(), images, lambdaSettings.streaming());
            text = lambda.text();
            target = lambda.target();
            userFile = false;
        }
        if (handler.isPresent()) {
            // a client of the Runtime API already: deployed as it is, without the Web Adapter
            origin += "; a Lambda handler image, deployed as it is (" + handler.get() + ")";
        }

        Map<String, String> args = new TreeMap<>(container.build().args());
        String platform = DEFAULT_PLATFORM;
        List<String> ignored = new ArrayList<>();
        List<String> options = container.build().options();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            String next = i + 1 < options.size() ? options.get(i + 1) : null;
            if (o.startsWith("--target")) {
                if (o.equals("--target")) {
                    i++;
                }
            } else if (o.startsWith("--platform=")) {
                platform = o.substring("--platform=".length());
            } else if (o.equals("--platform") && next != null) {
                platform = next;
                i++;
            } else if (o.startsWith("--build-arg=") || (o.equals("--build-arg") && next != null)) {
                String pair = o.equals("--build-arg") ? options.get(++i) : o.substring("--build-arg=".length());
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    args.put(pair.substring(0, eq), pair.substring(eq + 1));
                } else {
                    ignored.add(o);
                }
            } else {
                ignored.add(o);
            }
        }

        Path dockerfile = userFile ? src.resolve("Dockerfile")
                : project.projectDir().resolve(WORK_FOLDER).resolve(project.stage()).resolve(container.name()).resolve("Dockerfile");

        List<String> settings = new ArrayList<>();
        // the Dockerfile text names the base images and the Lambda Web Adapter image, so it covers them
        settings.add("dockerfile=" + text);
        settings.add("target=" + target.orElse(""));
        settings.add("platform=" + platform);
        settings.add("compute=" + container.compute().type().configName());
        args.forEach((k, v) -> settings.add("arg:" + k + "=" + v));
        options.forEach(o -> settings.add("option:" + o));
        ignoreLines.add(WORK_FOLDER);
        String tag = SourceHash.tag(SourceHash.of(src, DockerIgnore.parse(ignoreLines), settings));

        return new ImageBuild(src, dockerfile, text, !userFile, target, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args)),
                platform, tag, origin, List.copyOf(ignored));
    }

    /** Writes a generated Dockerfile where the build reads it (and keeps it out of version control). */
    void writeDockerfile() {
        if (!dockerfileWritten) {
            return;
        }
        try {
            Files.createDirectories(dockerfile.getParent());
            Path workFolder = dockerfile.getParent().getParent().getParent();
            Path gitignore = workFolder.resolve(".gitignore");
            if (!Files.exists(gitignore)) {
                Files.writeString(gitignore, "# written by Serverless Containers for Pulumi on each deploy\n*\n");
            }
            if (!Files.isRegularFile(dockerfile) || !Files.readString(dockerfile).equals(dockerfileText)) {
                Files.writeString(dockerfile, dockerfileText);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Dockerfile for " + context + " to " + dockerfile, e);
        }
    }

    /** Lambda and Fargate name the CPU architecture; both follow the image's platform. */
    boolean arm64() {
        return platform.endsWith("/arm64") || platform.endsWith("/arm64/v8");
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
