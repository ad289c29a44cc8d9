package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.image.BaseImages;
import dev.serverlesscontainers.model.image.SourceHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds a {@link RunPlan.BuiltImage} with the engine's builder, unless an image of that name (a hash
 * of everything it is built from) exists already. The build context is exactly the files the hash
 * covers; a Dockerfile that is not {@code src/Dockerfile} travels in it under a name of its own.
 */
final class ImageBuilder {
    /** The name the generated or {@code build.dockerFileString} Dockerfile has in the context. */
    static final String CONTEXT_DOCKERFILE = ".scf-dev.Dockerfile";
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    private static final java.util.List<String> BASE_IMAGE_VARIABLES = java.util.List.of(BaseImages.NODE_VARIABLE,
            BaseImages.PYTHON_VARIABLE, BaseImages.JAVA_VARIABLE, BaseImages.JAVA_BUILD_VARIABLE);

    private final DockerClient docker;

    ImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /** The id of the image, built when needed. */
    String ensure(String project, String container, RunPlan.BuiltImage plan, Consumer<String> echo, Consumer<String> notices)
            throws StartFailure {
        Optional<String> existing = imageId(plan.imageName());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!plan.options().unknown().isEmpty()) {
            notices.accept("container " + container + ": build.options " + plan.options().unknown()
                    + " have no effect in scf-dev (it passes --target, --build-arg, --no-cache, --pull and --platform)");
        }
        Path context = null;
        try {
            context = Files.createTempFile("scf-dev-context-", ".tar");
            writeContext(plan, context);
            BuildLog log = new BuildLog(echo);
            try (InputStream tar = Files.newInputStream(context)) {
                BuildImageCmd build = docker.buildImageCmd()
                        .withTarInputStream(tar)
                        .withTags(java.util.Set.of(plan.imageName()))
                        .withLabels(Labels.image(project, container))
                        .withRemove(true)
                        .withForcerm(true)
                        .withNoCache(plan.options().noCache())
                        .withPull(plan.options().pull());
                plan.dockerfile().ifPresent(d -> build.withDockerfilePath(CONTEXT_DOCKERFILE));
                plan.options().target().ifPresent(build::withTarget);
                plan.options().platform().ifPresent(build::withPlatform);
                plan.buildArgs().forEach(build::withBuildArg);
                build.exec(log).awaitCompletion();
            } catch (RuntimeException e) {
                throw failure(container, plan, log, Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            if (log.error().isPresent()) {
                removeDanglingLayer(log);
                throw failure(container, plan, log, log.error());
            }
            return imageId(plan.imageName()).orElseThrow(() -> new StartFailure("container " + container
                    + ": the engine reported a successful build of " + plan.imageName() + " but has no such image"));
        } catch (IOException e) {
            throw new StartFailure("container " + container + ": cannot prepare the build context of " + plan.src() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("container " + container + ": the image build was interrupted");
        } finally {
            if (context != null) {
                try {
                    Files.deleteIfExists(context);
                } catch (IOException e) {
                    // a temporary file; the system's cleaner will have it
                }
            }
        }
    }

    private static StartFailure failure(String container, RunPlan.BuiltImage plan, BuildLog log, Optional<String> error) {
        StringBuilder message = new StringBuilder("container ").append(container).append(": the image build (")
                .append(plan.from()).append(") failed");
        log.lastStep().ifPresent(step -> message.append(" at ").append(step));
        error.ifPresent(e -> message.append(": ").append(e.trim()));
        if (log.lastStep().map(s -> s.matches("(?i)^Step \\d+/\\d+ : FROM .*")).orElse(false)) {
            message.append(plan.generated()
                    ? " (the base image is neither on this machine nor reachable: set " + String.join(", ", BASE_IMAGE_VARIABLES)
                            + " to images you have, e.g. on your registry mirror)"
                    : " (the image it starts FROM is neither on this machine nor reachable)");
        }
        return new StartFailure(message.toString(), log.lastStepOutput());
    }

    /**
     * Makes sure an image a mounted app runs in is on this machine, pulling it when it is not.
     *
     * @param variable the environment variable that names another image, for the message
     */
    void ensurePresent(String container, String image, String variable) throws StartFailure {
        if (imageId(image).isPresent()) {
            return;
        }
        String[] ref = repositoryAndTag(image);
        String why;
        try {
            docker.pullImageCmd(ref[0]).withTag(ref[1]).exec(new ResultCallback.Adapter<PullResponseItem>())
                    .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (imageId(image).isPresent()) {
                return;
            }
            why = "the pull did not finish within " + PULL_TIMEOUT.toMinutes() + " minutes";
        } catch (RuntimeException e) {
            why = ContainerLauncher.engineMessage(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        throw new StartFailure("container " + container + ": the base image " + image
                + " is not on this machine and could not be pulled (" + why + "); set " + variable
                + " to an image you have, e.g. on your registry mirror");
    }

    /** {@code node:20-slim} -> {@code node}, {@code 20-slim}; a digest stands in for the tag; no tag means latest. */
    static String[] repositoryAndTag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new String[] {image.substring(0, at), image.substring(at + 1)};
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new String[] {image.substring(0, colon), image.substring(colon + 1)};
        }
        return new String[] {image, "latest"};
    }

    /**
     * The layer a failed build stopped at is tagged nowhere; removing it also removes the untagged
     * layers under it that no other image uses. A layer other images build on stays.
     */
    private void removeDanglingLayer(BuildLog log) {
        log.lastLayer().ifPresent(layer -> {
            try {
                docker.removeImageCmd(layer).withForce(false).exec();
            } catch (NotFoundException | ConflictException e) {
                // gone, or the base of other images
            }
        });
    }

    Optional<String> imageId(String name) {
        try {
            return Optional.ofNullable(docker.inspectImageCmd(name).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** A tar of the context: every file the image hash covers, plus the Dockerfile when it is not in {@code src}. */
    static void writeContext(RunPlan.BuiltImage plan, Path tarFile) throws IOException {
        try (OutputStream out = Files.newOutputStream(tarFile);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path file : SourceHash.files(plan.src(), plan.ignore())) {
                TarArchiveEntry entry = new TarArchiveEntry(plan.src().relativize(file).toString().replace('\\', '/'));
                entry.setSize(Files.size(file));
                entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
                entry.setModTime(Files.getLastModifiedTime(file));
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
            if (plan.dockerfile().isPresent()) {
                byte[] text = plan.dockerfile().get().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(CONTEXT_DOCKERFILE);
                entry.setSize(text.length);
                entry.setMode(0100644);
                tar.putArchiveEntry(entry);
                tar.write(text);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }
}
