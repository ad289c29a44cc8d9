package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BaseImages;
import dev.serverlesscontainers.model.image.BuildOptions;
import dev.serverlesscontainers.model.image.BuildPlan;
import dev.serverlesscontainers.model.image.DetectedApp;
import dev.serverlesscontainers.model.image.DockerIgnore;
import dev.serverlesscontainers.model.image.DockerfileGenerator;
import dev.serverlesscontainers.model.image.HandlerImage;
import dev.serverlesscontainers.model.image.SourceHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        BuildPlan build = BuildPlan.of(container);
        String text;
        String origin;
        boolean userFile = false;
        if (build.dockerfile() instanceof BuildPlan.DockerfileSource.Inline inline) {
            text = inline.text();
            origin = BuildPlan.INLINE_ORIGIN;
        } else if (build.dockerfile() instanceof BuildPlan.DockerfileSource.OwnFile own) {
            text = own.text();
            origin = own.origin();
            userFile = true;
        } else {
            DetectedApp app = ((BuildPlan.DockerfileSource.ToGenerate) build.dockerfile()).app();
            text = DockerfileGenerator.generate(src, app, images).orElseThrow(() -> new InvalidConfigurationException(
                    new Problem(Problem.Severity.ERROR, project.configFile().toString(), container.location(),
                            "containers." + container.name() + ".src", container.srcAsWritten()
                                    + " has no Dockerfile and no image can be generated for it: " + app.description()
                                    + " (add a Dockerfile, or set build.dockerFileString)")));
            origin = "generated for " + DockerfileGenerator.kindName(app.kind()) + " (" + app.description() + ")";
        }
        BuildOptions options = build.options();
        Optional<String> target = options.target();
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

        Map<String, String> args = build.args();
        String platform = options.platform().orElse(DEFAULT_PLATFORM);
        // the deploy's build (Pulumi Docker) has no switch for these two
        List<String> ignored = new ArrayList<>(options.unknown());
        if (options.noCache()) {
            ignored.add("--no-cache");
        }
        if (options.pull()) {
            ignored.add("--pull");
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
        container.build().options().forEach(o -> settings.add("option:" + o));
        List<String> ignoreLines = new ArrayList<>(build.ignoreLines());
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
}
