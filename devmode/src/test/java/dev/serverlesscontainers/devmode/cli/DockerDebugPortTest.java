package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.serverlesscontainers.devmode.debug.DebugNetwork;
import dev.serverlesscontainers.devmode.docker.Labels;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --debug-port} on the Docker runtime, with a real Chrome DevTools client: the inspector of a Node.js app
 * mounted into the base image is reached on the container's stable port of 127.0.0.1, the engine publishes it on
 * the loopback interface only, and after a reload the same port reaches the new container.
 */
@Timeout(240)
class DockerDebugPortTest {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile("control plane -> http://127\\.0\\.0\\.1:(\\d+)/api/containers");
    private static final String NODE_APP = """
            const http = require('http');
            http.createServer((req, res) => res.end('api ' + require('os').hostname())).listen(process.env.PORT);
            """;

    @TempDir
    Path dir;
    private final String project = TestDocker.uniqueProjectName();

    @AfterEach
    void removeLeftovers() {
        TestDocker.removeEverythingOf(project);
    }

    @Test
    void theInspectorOfTheNewestContainerAnswersOnTheStablePortOfTheLoopbackInterface() throws Exception {
        TestDocker.require();
        TestProject files = TestProject.in(dir).write("api/server.js", NODE_APP)
                .write("api/package.json", "{\"name\": \"api\", \"main\": \"server.js\"}")
                .config("name: " + project + "\ncontainers:\n  api:\n    src: ./api\n    routing:\n      pathPattern: /api/*\n"
                        + "      pathHealthCheck: /api/health\n");
        int debugPort = DebugPortTest.freePort();
        try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", files.configFile().toString(), "--runtime", "docker",
                "--port-proxy", "0", "--port-control", "0", "--no-aws", "--debug-port", "api=" + debugPort), TestDocker.environment())) {
            scfDev.awaitListing(SOON);
            scfDev.awaitStdout(Pattern.compile("api debugger \\(Node\\.js inspector\\) -> 127\\.0\\.0\\.1:" + debugPort), SOON);
            int control = Integer.parseInt(scfDev.awaitStdout(CONTROL, SOON).group(1));
            JsonObject api = container(control);
            assertThat(api.getJsonObject("debugger").getInteger("port")).isEqualTo(debugPort);
            String first = api.getString("instance");
            // Docker names a container's host (HOSTNAME) by its short id, which is the instance scf-dev names
            awaitShowing(scfDev, "the inspector of " + first + " to answer on " + debugPort, () -> first.equals(hostName(debugPort)));

            String id = TestDocker.containers(Map.of(Labels.PROJECT, project)).stream().filter(c -> c.startsWith(first)).findFirst()
                    .orElseThrow();
            Ports.Binding[] published = TestDocker.inspectContainer(id).getNetworkSettings().getPorts().getBindings()
                    .get(ExposedPort.tcp(DebugNetwork.IN_CONTAINER_PORT));
            assertThat(published).as("the debugger's port is published").isNotEmpty()
                    .allSatisfy(b -> assertThat(b.getHostIp()).as("on the loopback interface only").isEqualTo("127.0.0.1"));

            Files.writeString(dir.resolve("api/server.js"), NODE_APP + "// changed\n");
            Await.until("api to reload", SOON, () -> !container(control).getString("instance").equals(first));
            String second = container(control).getString("instance");
            awaitShowing(scfDev, "the same port to reach " + second, () -> second.equals(hostName(debugPort)));
            scfDev.stop("INT", Duration.ofSeconds(15));
        }
    }

    /** Waits as {@link Await#until} does; a failure shows what scf-dev printed by then. */
    private static void awaitShowing(ScfDevProcess scfDev, String what, java.util.function.BooleanSupplier condition) {
        try {
            Await.until(what, SOON, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; scf-dev printed:\n" + scfDev.text(), e);
        }
    }

    private static String hostName(int port) {
        try {
            return DebugPortTest.evaluateInNode(port, "process.env.HOSTNAME");
        } catch (Exception e) {
            return null;
        } catch (AssertionError e) {
            return null;
        }
    }

    private static JsonObject container(int control) {
        try {
            return new JsonObject(RawHttp.get(control, "127.0.0.1:" + control, "/api/containers/api").text());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
