package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.testing.RuntimeInterfaceClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming handler of {@code examples/lambda-handler/stream}, its {@code index.js} as the README
 * shows it, run by {@code aws-lambda-ric} on the process runtime: its lines reach the client as it
 * writes them, and a failure after the first one cuts the response off.
 */
@Timeout(120)
class LambdaHandlerExampleTest {
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
            .resolve("examples/lambda-handler/stream");

    @TempDir
    Path dir;

    @Test
    void theStreamingExampleSendsEachLineAsItIsWritten() throws Exception {
        Path ric = RuntimeInterfaceClients.node();
        TestProject project = TestProject.in(dir).copy(EXAMPLE, "fn")
                .config(HandlerStack.config("exec node " + ric + " index.handler", "{timeout: 30, streaming: true}", "{}"));
        try (HandlerStack s = new HandlerStack(project.load(), new ProcessRuntime(TestProject.hostEnvironment()), 2)) {
            assertThat(s.start("fn")).as(s.log()).isEqualTo(ContainerSupervisor.Outcome.HEALTHY);

            // the first exchange also loads the HTTP client's classes, which would take time out of the stream's
            assertThat(s.text("/stream/health")).isEqualTo("ok");

            long began = System.nanoTime();
            HttpResponse<java.io.InputStream> r = s.http.send(s.request("/stream/count?count=3").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("line 1 of 3");
                Duration first = Duration.ofNanos(System.nanoTime() - began);
                assertThat(lines.readLine()).isEqualTo("line 2 of 3");
                assertThat(lines.readLine()).isEqualTo("line 3 of 3");
                assertThat(lines.readLine()).isNull();
                Duration all = Duration.ofNanos(System.nanoTime() - began);
                assertThat(all.minus(first)).as("the first line came at %s, the end at %s", first, all).isGreaterThan(Duration.ofMillis(900));
            }

            WireResponse failed = WireResponse.get(s.proxy.port(), "/stream/count?count=2&fail=1");
            assertThat(failed.head()).startsWith("HTTP/1.1 200");
            assertThat(failed.body()).contains("line 1 of 2", "line 2 of 2");
            assertThat(failed.ended()).as(failed.body()).isFalse();
        }
    }
}
