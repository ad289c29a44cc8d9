package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole scf-dev run in this JVM: listing, routing, hot reload from a file change, self-reloading apps, clean stop. */
class DevSessionTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();

    private DevSession start(TestProject project) throws Exception {
        return start(project, false);
    }

    private DevSession start(TestProject project, boolean debug) throws Exception {
        DevSession session = DevSession.create(project.load(), TestSettings.of(debug, Duration.ofSeconds(20), TestProject.hostEnvironment()), new ProcessRuntime(TestProject.hostEnvironment()), new PrintWriter(out, true), false);
        session.start("process");
        return session;
    }

    private String body(DevSession s, String host, String path) {
        try {
            return RawHttp.get(s.proxyPort(), host, path).text();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    @Test
    void servesListsReloadsOnChangeAndStopsEverything() throws Exception {
        TestProject project = TestProject.in(dir).app("web", "node-app").app("py", "python-app").app("admin", "node-app").config("""
                name: session-test
                containers:
                  web:
                    src: ./web
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    compute:
                      type: awsFargateEcs
                    dev:
                      command: exec node server.js
                  py:
                    src: ./py
                    routing:
                      pathPattern: /py/*
                      pathHealthCheck: /health
                    dev:
                      command: exec python3 main.py
                  admin:
                    src: ./admin
                    routing:
                      domain: admin.example.com
                      pathPattern: /*
                      pathHealthCheck: /health
                    dev:
                      command: exec node server.js
                """);
        Files.writeString(dir.resolve("admin/version.txt"), "admin-v1");
        List<Long> pids = new ArrayList<>();
        try (DevSession s = start(project)) {
            int port = s.proxyPort();
            assertThat(out.toString()).contains(
                    "  admin (awsLambda) -> http://admin.example.com.localhost:" + port + "/\n",
                    "  py (awsLambda) -> http://localhost:" + port + "/py/\n",
                    "  web (awsFargateEcs) -> http://localhost:" + port + "/\n",
                    "  anything else -> 404 Not Found\n",
                    "  control plane -> http://127.0.0.1:" + s.controlPort() + "/api/containers\n",
                    "watching web, py, admin for changes; Ctrl-C stops everything");
            assertThat(body(s, "localhost:" + port, "/hello")).isEqualTo("v1 GET /hello");
            assertThat(body(s, "localhost:" + port, "/py/x")).isEqualTo("v1 GET /py/x");
            assertThat(body(s, "admin.example.com.localhost:" + port, "/x")).isEqualTo("admin-v1 GET /x");

            Files.writeString(dir.resolve("web/version.txt"), "v2");
            Await.until("web to reload", Duration.ofSeconds(15), () -> body(s, "localhost:" + port, "/").equals("v2 GET /"));
            Files.writeString(dir.resolve("py/version.txt"), "v2");
            Await.until("py to reload", Duration.ofSeconds(15), () -> body(s, "localhost:" + port, "/py/").equals("v2 GET /py/"));
            assertThat(out.toString()).contains("[web]", "-- reloading: changed: version.txt");
            assertThat(s.fleet().get("web").orElseThrow().status().reloads()).isEqualTo(1);

            for (ContainerStatus c : s.fleet().statuses()) {
                pids.add(Long.parseLong(c.instance().orElseThrow().substring(4)));
            }
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d after close", pid).isFalse();
        }
    }

    @Test
    void aWatchPathOutsideSrcIsWatchedInstead() throws Exception {
        TestProject project = TestProject.in(dir).app("app", "node-app").write("shared/config.json", "{}").config("""
                name: session-test
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    dev:
                      command: exec node server.js
                      watchPath: ./shared
                      watchExtensions: [.json]
                """);
        try (DevSession s = start(project)) {
            assertThat(out.toString()).contains("watching shared for changes");
            Files.writeString(dir.resolve("app/version.txt"), "v2");
            Files.writeString(dir.resolve("shared/notes.txt"), "not a .json file");
            Thread.sleep(800);
            assertThat(s.fleet().get("app").orElseThrow().status().reloads()).isZero();
            Files.writeString(dir.resolve("shared/config.json"), "{\"debug\":true}");
            Await.until("the reload", Duration.ofSeconds(15), () -> body(s, "x", "/version").equals("v2"));
            assertThat(s.fleet().get("app").orElseThrow().status().reloads()).isEqualTo(1);
        }
    }

    @Test
    void anAppWithADevScriptReloadsItselfAndIsNotRestartedOnChanges() throws Exception {
        TestProject project = selfReloadingApp();
        try (DevSession s = start(project)) {
            assertThat(out.toString()).contains("[app]", "-- reloads itself (package.json dev script)", "not watching any folder");
            Files.writeString(dir.resolve("app/version.txt"), "v2");
            Thread.sleep(1000);
            assertThat(s.fleet().get("app").orElseThrow().status().reloads()).isZero();
            assertThat(body(s, "x", "/version")).isEqualTo("v1");
        }
    }

    @Test
    void anAppWithADevScriptIsStillRestartedWhenItCrashes() throws Exception {
        TestProject project = selfReloadingApp();
        try (DevSession s = start(project)) {
            assertThat(out.toString()).contains("-- reloads itself (package.json dev script)");
            String crashed = body(s, "x", "/pid");
            assertThat(body(s, "x", "/crash")).isEqualTo("crashing");
            Await.until("a new instance to answer", Duration.ofSeconds(20), () -> {
                String pid = body(s, "x", "/pid");
                return pid.matches("\\d+") && !pid.equals(crashed);
            });
            ContainerStatus status = s.fleet().get("app").orElseThrow().status();
            assertThat(status.status()).isEqualTo(ContainerStatus.Status.RUNNING);
            assertThat(status.restarts()).isEqualTo(1);
            assertThat(status.reloads()).isZero();
            assertThat(out.toString()).contains("restarting in ");
        }
    }

    @Test
    void withDebugEveryRequestGetsOneAccessLineAndTheLifecycleIsDetailed() throws Exception {
        TestProject project = TestProject.in(dir).app("api", "node-app").config(oneApp("api", "/api/*", "dev:\n  command: exec node server.js\n"));
        try (DevSession s = start(project, true)) {
            String instance = s.fleet().get("api").orElseThrow().status().instance().orElseThrow();
            assertThat(out.toString()).contains("[api]", "-- started " + instance + " on port ", "; waiting for GET /health");
            int before = accessLines().size();
            assertThat(body(s, "x", "/api/orders")).isEqualTo("v1 GET /api/orders");
            assertThat(body(s, "x", "/elsewhere")).contains("Not Found");
            Await.until("two access lines", Duration.ofSeconds(5), () -> accessLines().size() == before + 2);
            assertThat(accessLines().subList(before, before + 2)).satisfiesExactly(
                    line -> assertThat(line).matches("\\[scf-dev\\] +GET /api/orders -> api \\(rule /api/\\*, " + instance + "\\): 200 in \\d+ ms"),
                    line -> assertThat(line).matches("\\[scf-dev\\] +GET /elsewhere -> \\(no rule\\): 404 in \\d+ ms: no routing rule .*"));
        }
    }

    @Test
    void withoutDebugThereAreNoAccessLinesNorLifecycleDetail() throws Exception {
        TestProject project = TestProject.in(dir).app("api", "node-app").config(oneApp("api", "/api/*", "dev:\n  command: exec node server.js\n"));
        try (DevSession s = start(project, false)) {
            assertThat(body(s, "x", "/api/orders")).isEqualTo("v1 GET /api/orders");
            assertThat(body(s, "x", "/elsewhere")).contains("Not Found");
            assertThat(out.toString()).contains("watching api for changes").doesNotContain("-- started ", "waiting for GET");
            assertThat(accessLines()).isEmpty();
        }
    }

    /** A project of one container {@code name} from {@code ./name}, healthy at {@code /health}; {@code more} goes under it. */
    private static String oneApp(String name, String pathPattern, String more) {
        return "name: session-test\ncontainers:\n  " + name + ":\n    src: ./" + name + "\n    routing:\n      pathPattern: " + pathPattern
                + "\n      pathHealthCheck: /health\n" + more.indent(4);
    }

    /** The node test app with a package.json dev script, which scf-dev leaves to reload itself. */
    private TestProject selfReloadingApp() {
        return TestProject.in(dir).app("app", "node-app")
                .write("app/package.json", "{\"name\":\"self\",\"private\":true,\"scripts\":{\"dev\":\"node server.js\"}}")
                .config(oneApp("app", "/*", ""));
    }

    private List<String> accessLines() {
        return out.toString().lines().filter(line -> line.matches(".* -> .*: \\d{3} in \\d+ ms.*")).toList();
    }
}
