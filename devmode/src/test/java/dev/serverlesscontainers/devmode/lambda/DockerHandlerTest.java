package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.serverlesscontainers.devmode.docker.DockerEngine;
import dev.serverlesscontainers.devmode.docker.DockerRuntime;
import dev.serverlesscontainers.devmode.docker.DockerSettings;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.testing.RuntimeInterfaceClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler image (the Python handler with {@code awslambdaric}, on the local base image) on the
 * Docker runtime: the container reaches its Runtime API on the session network's gateway, gets
 * Lambda's variables and its memory limit, and scales out and times out as on the process runtime.
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

    private HandlerStack stack() throws Exception {
        Path site = RuntimeInterfaceClients.python();
        DockerEngine engine = TestDocker.engine();
        String base = TestDocker.baseImages(engine).python();
        // the client installed on this machine is copied in: no registry is needed to build the image
        TestProject project = TestProject.in(dir).app("fn", "python-handler").copy(site, "fn/ric")
                .write("fn/Dockerfile", """
                        FROM %s
                        WORKDIR /var/task
                        COPY ric/ /opt/ric/
                        COPY app.py version.txt ./
                        ENV PYTHONPATH=/opt/ric LAMBDA_TASK_ROOT=/var/task PYTHONUNBUFFERED=1
                        CMD ["python3", "-m", "awslambdaric", "app.handler"]
                        """.formatted(base))
                .config(HandlerStack.config("unused", "{memory: 256, timeout: 3}", "{}").replace("name: handlers", "name: " + PROJECT));
        List<String> notices = new CopyOnWriteArrayList<>();
        DockerRuntime runtime = DockerRuntime.create(engine, new DockerSettings(TestDocker.baseImages(engine), false,
                DockerSettings.newSessionId(), notices::add));
        HandlerStack s = new HandlerStack(project.load(), runtime, 3);
        assertThat(s.start("fn")).as(s.log() + notices).isEqualTo(ContainerSupervisor.Outcome.HEALTHY);
        return s;
    }

    @Test
    void aHandlerImageRunsAsOnLambda() throws Exception {
        try (HandlerStack s = stack()) {
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

            // three slow invocations at once: three containers, about one invocation's time
            long began = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(s.http.sendAsync(s.request("/slow?seconds=2").timeout(Duration.ofSeconds(90)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> hosts = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).as(s.log()).isEqualTo(200);
                hosts.add(a.get().body().split(":")[0]);
            }
            assertThat(hosts).hasSize(3);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2 * 2 + 3));

            HttpResponse<String> timedOut = s.get("/slow?seconds=10");
            assertThat(timedOut.statusCode()).isEqualTo(502);
            assertThat(timedOut.headers().firstValue("x-scf-dev-reason").orElse("")).contains("Task timed out after 3 seconds");
            assertThat(s.text("/after")).isEqualTo("v1 GET /after");
        }
    }
}
