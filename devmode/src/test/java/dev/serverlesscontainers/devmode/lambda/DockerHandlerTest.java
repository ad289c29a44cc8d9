package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.testing.RuntimeInterfaceClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler image (the Python handler with {@code awslambdaric}, on the local base image) on the
 * Docker runtime: the container reaches its Runtime API on the session network's gateway, gets
 * Lambda's variables and its memory limit, scales out and times out as on the process runtime, and
 * its instances are replaced after a crash and at a reload without a failed request.
 */
@Timeout(300)
class DockerHandlerTest {
    private static final String PROJECT = TestDocker.uniqueProjectName();

    @TempDir
    Path dir;

    @AfterEach
    void removeLeftovers() {
        TestDocker.removeEverythingOf(PROJECT);
    }

    private HandlerStack stack(int maxInstances) throws Exception {
        Path site = RuntimeInterfaceClients.python();
        String base = TestDocker.baseImages(TestDocker.engine()).python();
        TestProject project = TestProject.in(dir).app("fn", "python-handler").copy(site, "fn/ric")
                .write("fn/Dockerfile", DockerHandlers.pythonDockerfile(base));
        return DockerHandlers.start(project, PROJECT, "{memory: 256, timeout: 3}", maxInstances);
    }

    @Test
    void aHandlerImageRunsAsOnLambda() throws Exception {
        try (HandlerStack s = stack(3)) {
            assertThat(s.logged("fn", "handler mode")).as(s.log()).isTrue();
            JsonObject env = new JsonObject(s.text("/env"));
            String api = env.getString("AWS_LAMBDA_RUNTIME_API");
            assertThat(api).doesNotStartWith("127.").doesNotStartWith("0.0.0.0").matches("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
            assertThat(env.getString("LAMBDA_TASK_ROOT")).isEqualTo("/var/task");
            assertThat(env.getString("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")).isEqualTo("256");
            assertThat(new JsonObject(s.text("/event?x=1")).getJsonObject("queryStringParameters").getString("x")).isEqualTo("1");

            String id = s.supervisor("fn").status().instance().orElseThrow();
            InspectContainerResponse inspected = TestDocker.inspectContainer(id);
            assertThat(inspected.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);

            HandlerChecks.assertThreeSlowInvocationsRunOnThreeContainers(s);

            HandlerChecks.assertATimedOutInvocationStopsItsInstance(s, 3);
        }
    }

    @Test
    void aCrashedContainerIsReplacedByTheNextInvocation() throws Exception {
        try (HandlerStack s = stack(1)) {
            HandlerChecks.assertACrashedContainerIsReplaced(s);
        }
    }

    @Test
    void aReloadUnderLoadLosesNoRequest() throws Exception {
        try (HandlerStack s = stack(10)) {
            HandlerChecks.assertAReloadUnderLoadLosesNoRequest(s, dir.resolve("fn"), Duration.ofSeconds(120), true);
        }
    }
}
