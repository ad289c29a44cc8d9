package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.supervisor.ContainerStatus.Status;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, crashes, failed versions, hooks, coalescing: the supervisor with real processes behind a real proxy. */
class SupervisorTest {
    @TempDir
    Path dir;

    private Stack stack(String extraYaml, UnaryOperator<SupervisorOptions> tweak) throws Exception {
        return new Stack(TestProject.in(dir).app("app", "node-app")
                .config(Stack.config("awsFargateEcs", "exec node server.js", extraYaml)).load(), tweak);
    }

    @Test
    void aCrashedInstanceAnswers503AndIsRestartedWithBackoff() throws Exception {
        try (Stack s = stack("", o -> o)) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.HEALTHY);
            String firstPid = s.text("/pid");
            assertThat(s.text("/crash")).isEqualTo("crashing");
            Await.until("the crash to be noticed", Duration.ofSeconds(5),
                    () -> s.supervisor("app").status().status() == Status.CRASHED);
            HttpResponse<String> during = s.get("/x");
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("x-scf-dev-reason").orElse("")).contains("exited with code 1; restarting in 1 s");
            Await.until("the restart", Duration.ofSeconds(10), () -> s.supervisor("app").status().status() == Status.RUNNING);
            assertThat(s.text("/pid")).isNotEqualTo(firstPid);
            assertThat(s.supervisor("app").status().restarts()).isEqualTo(1);
            assertThat(s.logged("app", "exited with code 1; restarting in 1 s")).isTrue();

            // a second crash right after becoming healthy waits twice as long
            s.text("/crash");
            Await.until("the second crash", Duration.ofSeconds(5), () -> s.logged("app", "restarting in 2 s"));
        }
    }

    @Test
    void aNewVersionThatFailsKeepsTheOldOneServing() throws Exception {
        try (Stack s = stack("", o -> o)) {
            s.fleet.startAll();
            Files.writeString(dir.resolve("app/server.js"), "this is not javascript(");
            s.supervisor("app").reload("server.js changed");
            Await.until("the failed reload", Duration.ofSeconds(15), () -> s.logged("app", "kept pid"));
            ContainerStatus status = s.supervisor("app").status();
            assertThat(status.status()).isEqualTo(Status.RUNNING);
            assertThat(status.lastError().orElseThrow()).contains("did not become healthy: it exited with code 1").contains("SyntaxError");
            assertThat(s.text("/version")).isEqualTo("v1");
        }
    }

    @Test
    void anAppThatNeverBecomesHealthyIsReportedWithTheReason() throws Exception {
        try (Stack s = stack("""
                    environment:
                      UNHEALTHY: "yes"
                """, o -> o.withStartTimeout(Duration.ofSeconds(4)))) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.UNHEALTHY);
            ContainerStatus status = s.supervisor("app").status();
            assertThat(status.status()).isEqualTo(Status.FAILED);
            assertThat(status.lastError().orElseThrow()).contains("it was not healthy after 4 s: GET /health answered 500");
            HttpResponse<String> r = s.get("/");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("x-scf-dev-reason").orElse("")).startsWith("app is not running: ");
        }
    }

    @Test
    void aHealthCheckThatKeepsFailingIsShownAtOnceWithWhatTheAppAnswered() throws Exception {
        try (Stack s = stack("""
                    environment:
                      UNHEALTHY: "yes"
                """, o -> o.withStartTimeout(Duration.ofSeconds(30)))) {
            s.supervisor("app").start();
            Await.until("the unhealthy answer to be shown", Duration.ofSeconds(10), () -> s.logged("app",
                    "GET /health answered 500 (healthy is 200-399, as the load balancer's health check): ok; set routing.pathHealthCheck to a path that answers 200"));
            assertThat(s.supervisor("app").status().status()).as("long before the start timeout").isEqualTo(Status.STARTING);
        }
    }

    @Test
    void anAppThatDoesNotComeUpSaysWhichCommandRanAndHowToSetAnother() throws Exception {
        TestProject project = TestProject.in(dir).write("app/main.py", "print('a script, not a server')\n").config("""
                name: stack-test
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                """);
        try (Stack s = new Stack(project.load(), o -> o.withStartTimeout(Duration.ofSeconds(5)))) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.UNHEALTHY);
            assertThat(s.supervisor("app").status().lastError().orElseThrow()).contains("it exited with code 0",
                    "it ran `python3 main.py` (main.py); if that is not how the app starts, set containers.app.dev.command "
                            + "in serverless.containers.yml");
        }
    }

    @Test
    void anAppThatIgnoresPortAndListensOnAnotherIsServedThere() throws Exception {
        try (Stack s = stack("""
                    environment:
                      WRONG_PORT: "yes"
                """, o -> o.withStartTimeout(Duration.ofSeconds(10)))) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.HEALTHY);
            assertThat(s.text("/version")).isEqualTo("v1");
            assertThat(s.logged("app", "ignores PORT")).isTrue();
        }
    }

    @Test
    void anAppOnTheLoopbackInterfaceOnlyServesWithOneWarningThatItWillFailInAContainer() throws Exception {
        try (Stack s = stack("""
                    environment:
                      LISTEN_HOST: 127.0.0.1
                """, o -> o)) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.HEALTHY);
            int port = Integer.parseInt(s.supervisor("app").status().address().orElseThrow().split(":")[1]);
            String warning = "warning: it listens on 127.0.0.1:" + port + " only: that works here, but in a container (scf-dev"
                    + " --runtime docker, or deployed on awsFargateEcs) nothing outside the container reaches it; listen on 0.0.0.0"
                    + " (every interface) and on PORT";
            assertThat(s.events).filteredOn(e -> e.text().startsWith("warning:")).extracting(e -> e.text()).containsExactly(warning);
            s.supervisor("app").reload("a change");
            Await.until("the reload", Duration.ofSeconds(15), () -> s.supervisor("app").status().reloads() == 1);
            assertThat(s.events).as("not again for the same mistake").filteredOn(e -> e.text().startsWith("warning:")).hasSize(1);
        }
        try (Stack s = stack("", o -> o)) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.HEALTHY);
            assertThat(s.events).as("listening on 0.0.0.0").noneMatch(e -> e.text().startsWith("warning:"));
        }
    }

    @Test
    void aFirstStartThatFailsServesOnceTheCodeIsFixed() throws Exception {
        try (Stack s = stack("", o -> o)) {
            String good = Files.readString(dir.resolve("app/server.js"));
            Files.writeString(dir.resolve("app/server.js"), "throw new Error('not yet');");
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.UNHEALTHY);
            assertThat(s.get("/").statusCode()).isEqualTo(503);
            Files.writeString(dir.resolve("app/server.js"), good);
            s.supervisor("app").reload("server.js changed");
            s.awaitBody("/version", "v1");
            assertThat(s.supervisor("app").status().status()).isEqualTo(Status.RUNNING);
            assertThat(s.supervisor("app").status().lastError()).isEmpty();
        }
    }

    @Test
    void theReloadHookRunsBeforeTheNewInstanceAndAFailingHookKeepsTheOldOne() throws Exception {
        try (Stack s = stack("""
                      hooks:
                        onreload: cp version.txt hook-saw.txt && grep -q v2 version.txt
                """, o -> o)) {
            s.fleet.startAll();
            Files.writeString(dir.resolve("app/version.txt"), "v2");
            s.supervisor("app").reload("version.txt changed");
            s.awaitBody("/version", "v2");
            assertThat(Files.readString(dir.resolve("app/hook-saw.txt"))).isEqualTo("v2");

            Files.writeString(dir.resolve("app/version.txt"), "v3");
            s.supervisor("app").reload("version.txt changed");
            Await.until("the hook to fail", Duration.ofSeconds(10), () -> s.logged("app", "failed with exit code 1"));
            assertThat(s.text("/version")).isEqualTo("v2");
            assertThat(s.supervisor("app").status().lastError().orElseThrow()).contains("dev.hooks.onreload");
        }
    }

    @Test
    void extraVariablesAreAskedForAtEachStart() throws Exception {
        java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger(1);
        try (Stack s = stack("", o -> o.withExtraEnvironment(container -> java.util.Map.of("APP_CREDENTIALS", "gen-" + generation.get())))) {
            s.fleet.startAll();
            assertThat(new io.vertx.core.json.JsonObject(s.text("/env")).getString("APP_CREDENTIALS")).isEqualTo("gen-1");
            generation.set(2);
            s.supervisor("app").restart();
            Await.until("the restart with renewed variables", Duration.ofSeconds(15),
                    () -> s.text("/env").contains("\"APP_CREDENTIALS\":\"gen-2\""));
        }
    }

    @Test
    void changesDuringAReloadCoalesceIntoOneMoreReload() throws Exception {
        try (Stack s = stack("", o -> o)) {
            s.fleet.startAll();
            ContainerSupervisor app = s.supervisor("app");
            for (int i = 0; i < 6; i++) {
                Files.writeString(dir.resolve("app/version.txt"), "v" + (i + 2));
                app.reload("change " + i);
            }
            s.awaitBody("/version", "v7");
            Thread.sleep(1500); // any reload still queued would start now
            assertThat(app.status().reloads()).isBetween(1, 2);
        }
    }
}
