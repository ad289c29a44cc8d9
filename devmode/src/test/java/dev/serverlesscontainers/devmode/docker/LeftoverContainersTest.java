package dev.serverlesscontainers.devmode.docker;

import static dev.serverlesscontainers.devmode.docker.TestApps.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.serverlesscontainers.model.image.BaseImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run that died by {@code kill -9} left is removed by the next one; nothing else is. */
class LeftoverContainersTest {
    private static final String PROJECT = TestDocker.uniqueProjectName();

    @TempDir
    Path dir;

    @AfterAll
    static void removeLeftovers() {
        TestDocker.removeEverythingOf(PROJECT);
    }

    @Test
    void aNewRuntimeRemovesWhatAKilledOneLeftButNotTheContainersOfLiveRunsOrOfTheUser() throws Exception {
        DockerEngine engine = TestDocker.engine();
        BaseImages images = TestDocker.baseImages(engine);
        DockerClient docker = engine.client();
        write(dir.resolve("api/package.json"), "{\"main\": \"server.js\"}");
        write(dir.resolve("api/server.js"), TestApps.nodeServer("from a run that will be killed"));
        write(dir.resolve("web/Dockerfile"), "FROM " + images.node() + "\nWORKDIR /srv\nCOPY server.js ./\nCMD [\"node\", \"server.js\"]\n");
        write(dir.resolve("web/server.js"), TestApps.nodeServer("first build"));
        TestApps.load(dir, "name: " + PROJECT + "\ncontainers:\n" + TestApps.container("api", "/*") + TestApps.container("web", "/web/*"));
        // an image the user made, which no run of scf-dev may remove
        String usersImage = TestDocker.nodeBaseImageAs(PROJECT + "-users-own", "1");
        List<String> ours = new ArrayList<>();
        Process child = null;
        try {
            // a container of a live run (this test's JVM owns it) and one the user made by hand
            String live = docker.createContainerCmd(images.node()).withCmd("sleep", "60")
                    .withLabels(Labels.container("live-session", Owner.current(), PROJECT, "dev", "api", "mounted-source")).exec().getId();
            ours.add(live);
            String users = docker.createContainerCmd(images.node()).withCmd("sleep", "60").exec().getId();
            ours.add(users);

            child = startChildRuntime(dir.resolve("serverless.containers.yml"), images);
            BlockingQueue<String[]> starts = startsOf(child);
            String[] started = awaitStart(starts);
            String orphanId = started[1];
            String orphanSession = started[2];
            assertThat(docker.inspectContainerCmd(orphanId).exec().getState().getRunning()).isTrue();
            String firstImage = docker.inspectContainerCmd(awaitStart(starts)[1]).exec().getConfig().getImage();
            // the killed run rebuilt web after a change: its first image is superseded, its second is the cache
            write(dir.resolve("web/server.js"), TestApps.nodeServer("second build"));
            child.getOutputStream().write("web\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            String secondImage = docker.inspectContainerCmd(awaitStart(starts)[1]).exec().getConfig().getImage();
            assertThat(secondImage).isNotEqualTo(firstImage);

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(docker.inspectContainerCmd(orphanId).exec().getState().getRunning())
                    .as("nothing cleaned up after kill -9").isTrue();

            List<String> notices = new CopyOnWriteArrayList<>();
            try (DockerRuntime next = DockerRuntime.create(TestDocker.engine(),
                    new DockerSettings(images, false, DockerSettings.newSessionId(), notices::add))) {
                assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.SESSION, orphanSession)).exec())
                        .as("the killed run's containers").isEmpty();
                assertThat(docker.listNetworksCmd().withFilter("label", List.of(Labels.SESSION + "=" + orphanSession)).exec())
                        .as("the killed run's network").isEmpty();
                // other dead runs' leftovers on this engine may be listed too
                assertThat(notices).singleElement().asString()
                        .startsWith("removed what an earlier scf-dev run left behind: ")
                        .contains(PROJECT + "-dev-api-" + orphanSession, "scf-dev-" + orphanSession, " superseded image", firstImage);
                List<String> remaining = docker.listContainersCmd().withShowAll(true).exec().stream().map(Container::getId).toList();
                assertThat(remaining).as("a live run's and the user's containers stay").contains(live, users);
                assertThat(imageExists(docker, firstImage)).as("the killed run's superseded image").isFalse();
                assertThat(imageExists(docker, secondImage)).as("the killed run's newest image, the next run's build cache").isTrue();
                assertThat(imageExists(docker, usersImage)).as("the user's image").isTrue();
                assertThat(imageExists(docker, images.node())).as("the base image").isTrue();
            }
        } finally {
            if (child != null) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            for (String id : ours) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (NotFoundException e) {
                    // gone
                }
            }
            TestDocker.untag(usersImage);
            engine.close();
        }
    }

    private static boolean imageExists(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static Process startChildRuntime(Path config, BaseImages images) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, RuntimeInChildJvm.class.getName(), config.toString(), "api", "web");
        builder.environment().put(BaseImages.NODE_VARIABLE, images.node());
        builder.environment().put(BaseImages.PYTHON_VARIABLE, images.python());
        builder.redirectErrorStream(true);
        return builder.start();
    }

    /** The child's {@code STARTED <id> <session> <container>} lines, split, as it prints them. */
    private static BlockingQueue<String[]> startsOf(Process child) {
        BlockingQueue<String[]> starts = new LinkedBlockingQueue<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("STARTED ")) {
                        starts.add(line.split(" "));
                    }
                }
            } catch (Exception e) {
                output.add(e.toString());
            }
            starts.add(new String[] {"ENDED", String.join("\n", output)});
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        return starts;
    }

    private static String[] awaitStart(BlockingQueue<String[]> starts) throws InterruptedException {
        String[] start = starts.poll(90, TimeUnit.SECONDS);
        if (start == null || start[0].equals("ENDED")) {
            throw new AssertionError("the child JVM did not start its container: " + (start == null ? "(timeout)" : start[1]));
        }
        return start;
    }
}
