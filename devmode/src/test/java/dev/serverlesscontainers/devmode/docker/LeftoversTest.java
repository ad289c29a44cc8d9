package dev.serverlesscontainers.devmode.docker;

import static dev.serverlesscontainers.devmode.docker.TestApps.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.serverlesscontainers.model.build.BaseImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run that died by {@code kill -9} left is removed by the next one; nothing else is. */
class LeftoversTest {
    private static final String PROJECT = TestApps.uniqueProjectName();

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
        TestApps.loadOneContainer(dir, PROJECT, "");
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
            String[] started = awaitStarted(child);
            String orphanId = started[1];
            String orphanSession = started[2];
            assertThat(docker.inspectContainerCmd(orphanId).exec().getState().getRunning()).isTrue();

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
                        .contains(PROJECT + "-dev-api-" + orphanSession, "scf-dev-" + orphanSession);
                List<String> remaining = docker.listContainersCmd().withShowAll(true).exec().stream().map(Container::getId).toList();
                assertThat(remaining).as("a live run's and the user's containers stay").contains(live, users);
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
            engine.close();
        }
    }

    private static Process startChildRuntime(Path config, BaseImages images) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, RuntimeInChildJvm.class.getName(), config.toString(), "api");
        builder.environment().put(BaseImages.NODE_VARIABLE, images.node());
        builder.environment().put(BaseImages.PYTHON_VARIABLE, images.python());
        builder.redirectErrorStream(true);
        return builder.start();
    }

    /** Reads the child's output until it says it started its container: {@code STARTED <id> <session>}. */
    private static String[] awaitStarted(Process child) throws Exception {
        CompletableFuture<String[]> started = new CompletableFuture<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("STARTED ")) {
                        started.complete(line.split(" "));
                    }
                }
                started.completeExceptionally(new AssertionError("the child JVM ended without starting its container: " + output));
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        return started.get(60, TimeUnit.SECONDS);
    }
}
