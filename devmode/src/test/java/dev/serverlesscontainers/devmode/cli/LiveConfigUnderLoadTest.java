package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * serverless.containers.yml edited while scf-dev runs, under continuous load: each kind of change is applied
 * without a failed request, and an invalid edit keeps the last good configuration serving. Every app answers
 * with its own name, and {@code web} takes every path no other rule takes, so a request fails only when
 * scf-dev fails it: a route that appeared before its container was ready would answer 503.
 */
@Timeout(240)
class LiveConfigUnderLoadTest {
    private static final Duration APPLIED = Duration.ofSeconds(60);
    private static final int CLIENTS = 8;
    private static final String YAML = """
            name: live-test
            containers:
              web:
                src: ./web
                routing:
                  pathPattern: /*
                  pathHealthCheck: /health
                environment:
                  APP_COLOR: blue
                dev:
                  command: exec node server.js
              api:
                src: ./api
                routing:
                  pathPattern: /api/*
                  pathHealthCheck: /health
                dev:
                  command: exec node server.js
              old:
                src: ./old
                routing:
                  pathPattern: /old/*
                  pathHealthCheck: /health
                dev:
                  command: exec node server.js
            """;
    private static final String WORKER = """
              worker:
                src: ./worker
                routing:
                  pathPattern: /worker/*
                  pathHealthCheck: /health
                dev:
                  command: exec node server.js
            """;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TestProject project;

    @BeforeEach
    void writeProject() {
        project = TestProject.in(dir);
        for (String app : new String[] {"web", "api", "old", "worker"}) {
            project.app(app, "node-app").write(app + "/version.txt", app);
        }
        project.config(YAML);
    }

    private DevSession start() throws Exception {
        return LiveSessions.start(project, Duration.ofSeconds(30), out, err);
    }

    /** The app that answered: each app's version.txt is its name. */
    private static String app(String body) {
        return body.substring(0, body.indexOf(' '));
    }

    private void edit(String yaml, String applied) {
        project.config(yaml);
        Await.until("\"" + applied + "\" in the output:\n" + out, APPLIED, () -> out.toString().contains(applied));
    }

    private static void assertSwitchedOnce(LoadClients load, String from, String to) throws InterruptedException {
        load.close();
        assertThat(load.failures()).as("failed requests").isEmpty();
        assertThat(load.sequences()).as("each client saw %s, then %s, and never %s again", from, to, from)
                .allSatisfy(s -> assertThat(s).isIn(List.of(from, to), List.of(to)));
    }

    private static LoadClients load(DevSession s, String path, Function<String, String> label) {
        LoadClients load = new LoadClients(s.proxyPort(), "localhost", path, 2, label);
        load.awaitAnswered(20, APPLIED);
        return load;
    }

    @Test
    void eachKindOfChangeIsAppliedWithoutAFailedRequest() throws Exception {
        try (DevSession s = start(); LoadClients unchanged = new LoadClients(s.proxyPort(), "localhost", "/hello", CLIENTS,
                LiveConfigUnderLoadTest::app)) {
            unchanged.awaitAnswered(200, APPLIED);
            assertThat(out.toString()).contains("and serverless.containers.yml too");

            // a new container: started and healthy before its rule takes requests from web's /*
            LoadClients toWorker = load(s, "/worker/x", LiveConfigUnderLoadTest::app);
            edit(YAML + WORKER, "config: worker  added (/worker/*)");
            toWorker.awaitEveryClientOn("worker", APPLIED);
            assertSwitchedOnce(toWorker, "web", "worker");

            // a changed rule: swapped in one step, for the old path and the new one
            LoadClients oldPath = load(s, "/api/x", LiveConfigUnderLoadTest::app);
            LoadClients newPath = load(s, "/v2/x", LiveConfigUnderLoadTest::app);
            String rerouted = (YAML + WORKER).replace("pathPattern: /api/*", "pathPattern: /v2/*");
            edit(rerouted, "config: api  route /api/* -> /v2/*");
            oldPath.awaitEveryClientOn("web", APPLIED);
            newPath.awaitEveryClientOn("api", APPLIED);
            assertSwitchedOnce(oldPath, "api", "web");
            assertSwitchedOnce(newPath, "web", "api");

            // a changed environment: the container is replaced as on a reload
            LoadClients colour = load(s, "/env", body -> new JsonObject(body).getString("APP_COLOR"));
            String recoloured = rerouted.replace("APP_COLOR: blue", "APP_COLOR: green");
            edit(recoloured, "config: web  replaced (environment)");
            colour.awaitEveryClientOn("green", APPLIED);
            assertSwitchedOnce(colour, "blue", "green");

            // a removed container: its rule goes first, then it finishes its requests and stops
            LoadClients removed = load(s, "/old/x", LiveConfigUnderLoadTest::app);
            long oldPid = Long.parseLong(s.fleet().get("old").orElseThrow().status().instance().orElseThrow().substring(4));
            String withoutOld = recoloured.substring(0, recoloured.indexOf("  old:\n")) + WORKER;
            edit(withoutOld, "config: old  removed");
            removed.awaitEveryClientOn("web", APPLIED);
            assertSwitchedOnce(removed, "old", "web");
            Await.until("old's instance to stop", APPLIED, () -> ProcessHandle.of(oldPid).map(h -> !h.isAlive()).orElse(true));
            assertThat(s.fleet().get("old")).isEmpty();

            unchanged.close();
            assertThat(unchanged.failures()).as("requests to the unchanged web failed").isEmpty();
            assertThat(unchanged.sequences()).allSatisfy(seq -> assertThat(seq).containsExactly("web"));
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void anInvalidEditIsReportedLocatedAndTheLastGoodConfigurationServesOn() throws Exception {
        try (DevSession s = start(); LoadClients api = new LoadClients(s.proxyPort(), "localhost", "/api/x", CLIENTS,
                LiveConfigUnderLoadTest::app)) {
            api.awaitAnswered(100, APPLIED);
            edit(YAML.replace("pathPattern: /api/*", "pathPattern: api/*").replace("APP_COLOR: blue", "APP_COLOR: green"),
                    "has problems (above); still serving the last good configuration");
            assertThat(err.toString()).startsWith("error: " + project.configFile() + ":15:20 containers.api.routing.pathPattern: ")
                    .endsWith("1 problem found.\n");
            api.awaitAnswered(100, APPLIED);
            assertThat(new JsonObject(dev.serverlesscontainers.devmode.testing.RawHttp.get(s.proxyPort(), "localhost", "/env").text())
                    .getString("APP_COLOR")).as("nothing of the invalid file is applied").isEqualTo("blue");

            // fixed: applied as any other change
            edit(YAML.replace("pathPattern: /api/*", "pathPattern: /v2/*"), "config: api  route /api/* -> /v2/*");
            api.awaitEveryClientOn("web", APPLIED);
            JsonObject reported = new JsonObject(dev.serverlesscontainers.devmode.testing.RawHttp.get(s.controlPort(),
                    "127.0.0.1:" + s.controlPort(), "/api/containers/api").text());
            assertThat(reported.getString("route")).as("the control plane reports the new rule").isEqualTo("/v2/*");
            assertThat(reported.getString("url")).endsWith("/v2/");
            api.close();
            assertThat(api.failures()).isEmpty();
            assertThat(api.sequences()).allSatisfy(seq -> assertThat(seq).containsExactly("api", "web"));
        }
    }

    @Test
    void theHelpSaysTheFileIsLive() {
        StringWriter help = new StringWriter();
        PrintWriter writer = new PrintWriter(help, true);
        assertThat(ScfDev.run(new String[] {"dev", "--help"}, writer, writer, TestProject.hostEnvironment())).isZero();
        assertThat(help.toString().replaceAll("\\s+", " ")).contains("The file itself is live: an edit of it",
                "the last good configuration serves on");
    }
}
