package dev.serverlesscontainers.devmode.docker;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dev.serverlesscontainers.model.image.BaseImages;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The engine and base images the Docker tests run on. Without an engine the tests are skipped with
 * the reason, unless {@code CI} is set: then a missing engine or base image fails them, since CI must
 * run them for real ({@code .ci/setup} starts the engine and builds the image).
 */
public final class TestDocker {
    private TestDocker() {}

    /** A project name no other test run uses, so that its containers and images can be found by label. */
    public static String uniqueProjectName() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return "t" + HexFormat.of().formatHex(bytes);
    }

    /** The image {@code .ci/setup} builds: Debian bookworm with Node.js, npm, Python and pip. */
    public static final String CI_BASE_IMAGE = "scf-local/bookworm-node-python:2";

    public static DockerEngine engine() {
        DockerDiscovery.Probe probe = DockerDiscovery.probe(System.getenv());
        if (probe.engine().isEmpty()) {
            unavailable(probe.diagnosis());
        }
        return probe.engine().get();
    }

    /**
     * The base images: {@code SCF_BASE_IMAGE_NODE} and {@code SCF_BASE_IMAGE_PYTHON} when set,
     * otherwise the image {@code .ci/setup} builds; each must be on the engine already.
     */
    public static BaseImages baseImages(DockerEngine engine) {
        BaseImages images = BaseImages.from(environment());
        for (String image : List.of(images.node(), images.python())) {
            try {
                engine.client().inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                unavailable("base image " + image + " is not on the engine; .ci/setup builds " + CI_BASE_IMAGE
                        + ", or set SCF_BASE_IMAGE_NODE and SCF_BASE_IMAGE_PYTHON to images you have");
            }
        }
        return images;
    }

    /**
     * This JVM's environment with the test base images as {@code SCF_BASE_IMAGE_NODE} and
     * {@code SCF_BASE_IMAGE_PYTHON} (unless set): what an scf-dev run in the tests is given. Skips the
     * test (or fails it, in CI) when the engine or an image is missing.
     */
    public static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent(BaseImages.NODE_VARIABLE, CI_BASE_IMAGE);
        env.putIfAbsent(BaseImages.PYTHON_VARIABLE, CI_BASE_IMAGE);
        return env;
    }

    /** Checks that the engine answers and has the test base images; skips (or in CI fails) the test otherwise. */
    public static void require() {
        try (DockerEngine engine = engine()) {
            baseImages(engine);
        }
    }

    /** The ids of the containers, running or not, that carry every one of {@code labels}. */
    public static List<String> containers(Map<String, String> labels) {
        try (DockerEngine engine = engine()) {
            return engine.client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream().map(Container::getId).toList();
        }
    }

    /** What the engine says of a container. */
    public static InspectContainerResponse inspectContainer(String id) {
        try (DockerEngine engine = engine()) {
            return engine.client().inspectContainerCmd(id).exec();
        }
    }

    /** The tags of the images that carry every one of {@code labels}. */
    public static Set<String> imageTags(Map<String, String> labels) {
        try (DockerEngine engine = engine()) {
            Set<String> tags = new TreeSet<>();
            for (Image image : engine.client().listImagesCmd().withLabelFilter(labels).exec()) {
                if (image.getRepoTags() != null) {
                    tags.addAll(List.of(image.getRepoTags()));
                }
            }
            return tags;
        }
    }

    /** The names of the networks that carry the label {@code name=value}. */
    public static List<String> networks(String name, String value) {
        try (DockerEngine engine = engine()) {
            return engine.client().listNetworksCmd().withFilter("label", List.of(name + "=" + value)).exec().stream()
                    .map(Network::getName).toList();
        }
    }

    /**
     * Gives the test Node.js base image a second name, {@code repository:tag}, as a registry mirror of
     * it would be; remove it with {@link #untag}.
     */
    public static String nodeBaseImageAs(String repository, String tag) {
        try (DockerEngine engine = engine()) {
            engine.client().tagImageCmd(baseImages(engine).node(), repository, tag).exec();
        }
        return repository + ":" + tag;
    }

    /** Removes the name {@code image} (the image stays while it has other names). */
    public static void untag(String image) {
        try (DockerEngine engine = engine()) {
            engine.client().removeImageCmd(image).exec();
        } catch (NotFoundException e) {
            // gone
        }
    }

    static void unavailable(String why) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail("CI is set, so the Docker tests must run, but: " + why);
        }
        Assumptions.abort("Docker tests skipped: " + why);
    }

    /** A runtime on a fresh engine connection with the test base images; notices are collected. */
    static DockerRuntime runtime(boolean debug, List<String> notices) {
        DockerEngine engine = engine();
        Consumer<String> sink = notices::add;
        return DockerRuntime.create(engine, new DockerSettings(baseImages(engine), debug, DockerSettings.newSessionId(), sink));
    }

    static DockerRuntime runtime() {
        return runtime(false, new CopyOnWriteArrayList<>());
    }

    /** Containers of a project, running or not. */
    static List<Container> containersOf(DockerClient docker, String project) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.PROJECT, project)).exec();
    }

    /** Removes every container, network and image a test project left, whatever happened in the test. */
    public static void removeEverythingOf(String project) {
        DockerDiscovery.Probe probe = DockerDiscovery.probe(System.getenv());
        if (probe.engine().isEmpty()) {
            return;
        }
        try (DockerEngine engine = probe.engine().get()) {
            DockerClient docker = engine.client();
            for (Container c : containersOf(docker, project)) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (NotFoundException e) {
                    // gone
                }
            }
            for (Network network : docker.listNetworksCmd().withFilter("label", List.of(Labels.PROJECT + "=" + project)).exec()) {
                try {
                    docker.removeNetworkCmd(network.getId()).exec();
                } catch (NotFoundException e) {
                    // gone
                }
            }
            for (Image image : docker.listImagesCmd().withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.PROJECT, project)).exec()) {
                try {
                    docker.removeImageCmd(image.getId()).withForce(true).exec();
                } catch (NotFoundException e) {
                    // gone
                }
            }
        }
    }
}
