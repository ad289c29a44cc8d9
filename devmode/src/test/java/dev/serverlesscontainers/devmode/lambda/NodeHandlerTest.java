package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.testing.RuntimeInterfaceClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node.js handlers run by AWS's runtime interface client ({@code aws-lambda-ric}) on the process
 * runtime: function URL events and results, errors, and streamed responses
 * ({@code awslambda.streamifyResponse}) that reach the client as they are written when the
 * container streams, and whole when it does not; an error once the stream began cuts it off.
 */
@Timeout(240)
class NodeHandlerTest {
    @TempDir
    Path dir;

    private HandlerStack stack(String entry, boolean streaming) throws Exception {
        Path ric = RuntimeInterfaceClients.node();
        TestProject project = TestProject.in(dir).app("fn", "node-handler").config(HandlerStack.config(
                "exec node " + ric + " " + entry, "{streaming: " + streaming + "}", "{}"));
        HandlerStack s = new HandlerStack(project.load(), new ProcessRuntime(TestProject.hostEnvironment()), 10);
        assertThat(s.start("fn")).as(s.log()).isEqualTo(ContainerSupervisor.Outcome.HEALTHY);
        return s;
    }

    @Test
    void eventsResultsAndErrors() throws Exception {
        try (HandlerStack s = stack("index.handler", false)) {
            assertThat(s.logged("fn", "handler mode")).as(s.log()).isTrue();
            JsonObject event = new JsonObject(s.text("/event?q=1"));
            assertThat(event.getString("version")).isEqualTo("2.0");
            assertThat(event.getJsonObject("queryStringParameters").getString("q")).isEqualTo("1");
            assertThat(s.text("/hi")).startsWith("node GET /hi handlers-dev-fn");
            HttpResponse<String> string = s.get("/string");
            assertThat(string.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(string.body()).isEqualTo("\"Hello, world!\"");
            assertThat(s.get("/cookies").headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
            HttpResponse<String> error = s.get("/error");
            assertThat(error.statusCode()).isEqualTo(502);
            assertThat(error.body()).isEqualTo("Internal Server Error");
            assertThat(error.headers().firstValue("x-scf-dev-reason").orElse("")).contains("TypeError");
            assertThat(s.text("/after")).startsWith("node GET /after");
        }
    }

    @Test
    void aStreamingFunctionSendsTheFirstBytesBeforeTheHandlerEnds() throws Exception {
        try (HandlerStack s = stack("index.stream", true)) {
            StreamedResponses.assertFirstBytesArriveBeforeTheHandlerEnds(s);
        }
    }

    @Test
    void anErrorAfterTheStreamBeganCutsTheResponseOffAndOneBeforeAnswers502() throws Exception {
        try (HandlerStack s = stack("index.stream", true)) {
            StreamedResponses.assertCutOffAndFailedEarly(s);
        }
    }

    @Test
    void withoutStreamingTheStreamedResponseArrivesWhole() throws Exception {
        try (HandlerStack s = stack("index.stream", false)) {
            HttpResponse<String> r = s.get("/");
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.headers().firstValue("x-streamed")).hasValue("yes");
            assertThat(r.headers().firstValue("content-length")).hasValue("12");
            assertThat(r.body()).isEqualTo("first;second");
            // collected first, so an error in the stream is still a 502, as from a buffered function URL
            HttpResponse<String> broken = s.get("/broken");
            assertThat(broken.statusCode()).isEqualTo(502);
            assertThat(broken.body()).isEqualTo("Internal Server Error");
            assertThat(broken.headers().firstValue("x-scf-dev-reason").orElse("")).contains("RangeError", "the stream failed on purpose");
        }
    }
}
