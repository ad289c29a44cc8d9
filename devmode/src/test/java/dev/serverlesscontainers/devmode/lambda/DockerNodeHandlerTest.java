package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.testing.RuntimeInterfaceClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node.js handler app in an image on the local Node.js base image, run by AWS's runtime
 * interface client ({@code aws-lambda-ric}, built on this machine, see
 * {@link RuntimeInterfaceClients#nodeForImage()}) on the Docker runtime: the same function URL
 * events, results, errors, timeouts, concurrency, crash restarts and streamed responses as on the
 * process runtime.
 */
@Timeout(300)
class DockerNodeHandlerTest {
    private static final String PROJECT = TestDocker.uniqueProjectName();

    @TempDir
    Path dir;

    @AfterEach
    void removeLeftovers() {
        TestDocker.removeEverythingOf(PROJECT);
    }

    private HandlerStack stack(String handler, String awsLambda, int maxInstances) throws Exception {
        Path ric = RuntimeInterfaceClients.nodeForImage();
        String base = TestDocker.baseImages(TestDocker.engine()).node();
        TestProject project = TestProject.in(dir).app("fn", "node-handler").copy(ric, "fn/ric")
                .write("fn/Dockerfile", DockerHandlers.nodeDockerfile(base, handler));
        return DockerHandlers.start(project, PROJECT, awsLambda, maxInstances);
    }

    @Test
    void requestsBecomeEventsAndResultsBecomeResponses() throws Exception {
        try (HandlerStack s = stack("index.handler", "{memory: 256, timeout: 3}", 3)) {
            assertThat(s.logged("fn", "polls the Lambda Runtime API (handler mode")).as(s.log()).isTrue();
            JsonObject env = new JsonObject(s.text("/env"));
            assertThat(env.getString("AWS_LAMBDA_RUNTIME_API")).doesNotStartWith("127.").matches("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
            assertThat(env.getString("LAMBDA_TASK_ROOT")).isEqualTo("/var/task");
            assertThat(env.getString("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")).isEqualTo("256");

            HandlerChecks.assertFunctionUrlEvent(s);

            HttpResponse<String> string = s.get("/string");
            assertThat(string.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(string.body()).isEqualTo("\"Hello, world!\"");
            HttpResponse<String> cookies = s.get("/cookies");
            assertThat(cookies.statusCode()).isEqualTo(201);
            assertThat(cookies.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
            assertThat(cookies.body()).isEqualTo("baked");

            HandlerChecks.assertBinaryBodiesRoundTrip(s);

            HttpResponse<String> error = s.get("/error");
            assertThat(error.statusCode()).isEqualTo(502);
            assertThat(error.body()).isEqualTo("Internal Server Error");
            assertThat(error.headers().firstValue("x-scf-dev-reason").orElse("")).contains("TypeError", "failed on purpose");
            assertThat(s.text("/after")).startsWith("node GET /after");
        }
    }

    @Test
    void concurrentInvocationsScaleOutAndALongOneTimesOut() throws Exception {
        try (HandlerStack s = stack("index.handler", "{memory: 256, timeout: 3}", 3)) {
            HandlerChecks.assertThreeSlowInvocationsRunOnThreeContainers(s);

            HandlerChecks.assertATimedOutInvocationStopsItsInstance(s, 3);
        }
    }

    @Test
    void aCrashedContainerIsReplacedByTheNextInvocation() throws Exception {
        try (HandlerStack s = stack("index.handler", "{memory: 256, timeout: 3}", 1)) {
            HandlerChecks.assertACrashedContainerIsReplaced(s);
        }
    }

    @Test
    void aStreamedResponseArrivesAsWrittenAndAnErrorInItCutsItOff() throws Exception {
        try (HandlerStack s = stack("index.stream", "{memory: 256, timeout: 10, streaming: true}", 3)) {
            StreamedResponses.assertFirstBytesArriveBeforeTheHandlerEnds(s);
            StreamedResponses.assertCutOffAndFailedEarly(s);
        }
    }
}
