package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.testing.RuntimeInterfaceClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python handler run by AWS's runtime interface client ({@code awslambdaric}) on the process
 * runtime: it polls scf-dev's Runtime API, so requests reach it as function URL events and its
 * results come back as a function URL returns them, with Lambda's rules for errors, timeouts,
 * payload sizes, concurrency and reloads.
 */
@Timeout(240)
class PythonHandlerTest {
    @TempDir
    Path dir;

    private HandlerStack stack(int timeoutSeconds, int maxInstances) throws Exception {
        HandlerStack s = unstarted("app.handler", timeoutSeconds, maxInstances);
        assertThat(s.start("fn")).as(s.log()).isEqualTo(ContainerSupervisor.Outcome.HEALTHY);
        return s;
    }

    private HandlerStack unstarted(String handler, int timeoutSeconds, int maxInstances) throws Exception {
        Path site = RuntimeInterfaceClients.python();
        TestProject project = TestProject.in(dir).app("fn", "python-handler").config(HandlerStack.config(
                "exec python3 -m awslambdaric " + handler, "{memory: 512, timeout: " + timeoutSeconds + "}", "{PYTHONPATH: " + site + "}"));
        return new HandlerStack(project.load(), new ProcessRuntime(TestProject.hostEnvironment()), maxInstances);
    }

    @Test
    void aHandlerThatCannotInitialiseSaysWhy() throws Exception {
        try (HandlerStack s = unstarted("app.no_such_handler", 6, 10)) {
            assertThat(s.start("fn")).isNotEqualTo(ContainerSupervisor.Outcome.HEALTHY);
            assertThat(s.log()).contains("did not become healthy", "init error", "no_such_handler");
        }
    }

    @Test
    void requestsBecomeFunctionUrlEventsAndTheModeIsSaid() throws Exception {
        try (HandlerStack s = stack(6, 10)) {
            assertThat(s.logged("fn", "polls the Lambda Runtime API (handler mode")).as(s.log()).isTrue();
            JsonObject event = HandlerChecks.assertFunctionUrlEvent(s);
            assertThat(event.getJsonObject("requestContext").getJsonObject("http").getString("sourceIp")).isEqualTo("127.0.0.1");

            JsonObject env = new JsonObject(s.text("/env"));
            assertThat(env.getString("AWS_LAMBDA_FUNCTION_NAME")).isEqualTo(env.getString("function_name")).startsWith("handlers-dev-fn");
            assertThat(env.getString("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")).isEqualTo("512");
            assertThat(env.getString("AWS_LAMBDA_FUNCTION_VERSION")).isEqualTo("$LATEST");
            assertThat(env.getString("AWS_REGION")).isEqualTo(HandlerStack.REGION);
            assertThat(env.getString("AWS_LAMBDA_RUNTIME_API")).startsWith("127.0.0.1:");
            assertThat(env.getString("LAMBDA_TASK_ROOT")).isEqualTo(dir.resolve("fn").toAbsolutePath().toString());
            assertThat(env.getLong("remaining_ms")).isBetween(1L, 6000L);
        }
    }

    @Test
    void resultsBecomeResponsesAsFunctionUrlsMakeThem() throws Exception {
        try (HandlerStack s = stack(6, 10)) {
            HttpResponse<String> string = s.get("/string");
            assertThat(string.statusCode()).isEqualTo(200);
            assertThat(string.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(string.body()).isEqualTo("\"Hello, world!\"");
            assertThat(new JsonObject(s.text("/object")).getString("message")).isEqualTo("Hello, world!");

            HttpResponse<String> cookies = s.get("/cookies");
            assertThat(cookies.statusCode()).isEqualTo(201);
            assertThat(cookies.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
            assertThat(cookies.headers().firstValue("x-custom")).hasValue("yes");
            assertThat(cookies.body()).isEqualTo("baked");

            HandlerChecks.assertBinaryBodiesRoundTrip(s);
        }
    }

    @Test
    void errorsCrashesTimeoutsAndOversizedPayloadsAnswer502Or413AndTheFunctionGoesOn() throws Exception {
        try (HandlerStack s = stack(2, 10)) {
            HttpResponse<String> error = s.get("/error");
            assertThat(error.statusCode()).isEqualTo(502);
            assertThat(error.body()).isEqualTo("Internal Server Error");
            assertThat(error.headers().firstValue("x-scf-dev-reason").orElse("")).contains("ValueError", "failed on purpose");
            assertThat(s.text("/ok")).isEqualTo("v1 GET /ok");

            assertThat(s.get("/exit").statusCode()).isEqualTo(502);
            s.awaitLogged("fn", "exited with code 3");
            assertThat(s.text("/after-exit")).isEqualTo("v1 GET /after-exit");
            assertThat(s.logged("fn", "cold start: ")).isTrue();

            HandlerChecks.assertATimedOutInvocationStopsItsInstance(s, 2);

            HttpResponse<String> tooBig = s.http.send(s.request("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(
                    new byte[6 * 1024 * 1024 + 1])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tooBig.statusCode()).isEqualTo(413);
            HttpResponse<String> bigAnswer = s.get("/big");
            assertThat(bigAnswer.statusCode()).isEqualTo(502);
            assertThat(bigAnswer.headers().firstValue("x-scf-dev-reason").orElse("")).contains("limit");
            assertThat(s.text("/still")).isEqualTo("v1 GET /still");
        }
    }

    @Test
    void concurrentRequestsStartWarmInstancesUpToTheCap() throws Exception {
        try (HandlerStack s = stack(20, 4)) {
            // four slow requests at once: four instances, about one handler's time in all
            Duration handler = Duration.ofSeconds(3);
            long began = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(s.http.sendAsync(s.request("/slow?seconds=" + handler.toSeconds()).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> pids = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(200);
                pids.add(a.get().body());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(pids).as(s.log()).hasSize(4);
            assertThat(took).as("four 3 s invocations on four instances").isLessThan(handler.multipliedBy(2));

            // the cap: eight at once on at most four instances take two rounds
            began = System.nanoTime();
            answers.clear();
            for (int i = 0; i < 8; i++) {
                answers.add(s.http.sendAsync(s.request("/slow?seconds=" + handler.toSeconds()).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            pids.clear();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(200);
                pids.add(a.get().body());
            }
            assertThat(pids).hasSize(4);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(handler.multipliedBy(2));
        }
    }

    @Test
    void aReloadUnderLoadLosesNoRequest() throws Exception {
        try (HandlerStack s = stack(6, 10)) {
            HandlerChecks.assertAReloadUnderLoadLosesNoRequest(s, dir.resolve("fn"), Duration.ofSeconds(60), false);
        }
    }
}
