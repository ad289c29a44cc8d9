package dev.serverlesscontainers.devmode.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.http.EventLoops;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.proxy.AccessLogEntry;
import dev.serverlesscontainers.devmode.supervisor.Fleet;
import dev.serverlesscontainers.devmode.supervisor.SupervisorOptions;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.config.ProjectConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneTest {
    private final LogHub logs = new LogHub();
    private final ProcessRuntime runtime = new ProcessRuntime(TestProject.hostEnvironment());
    private final Vertx vertx = EventLoops.create();
    private final RecentRequests requests = new RecentRequests(Clock.systemUTC());
    private Fleet fleet;
    private ControlPlane control;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        ProjectConfig project = TestProject.in(dir).app("app", "node-app").config("""
                name: control-test
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /app/*
                      pathHealthCheck: /health
                    dev:
                      command: exec node server.js
                """).load();
        fleet = new Fleet(project, runtime, vertx, logs, SupervisorOptions.defaults(TestProject.hostEnvironment()));
        control = ControlPlane.start(vertx, 0, new ControlContext("control-test", "dev", "process", "http://localhost:3000",
                Map.of("app", "http://localhost:3000/app/"), Map.of("app", "/app/*"), Map.of("app", "/health"), fleet, logs), requests);
        fleet.startAll();
    }

    @AfterAll
    void stop() {
        fleet.close();
        runtime.close();
        control.close();
        vertx.close();
    }

    private RawHttp.Response call(String method, String path, String... headers) throws Exception {
        return RawHttp.exchange(control.port(), RawHttp.request(method, "127.0.0.1:" + control.port(), path, headers));
    }

    @Test
    void listsContainersWithStatusUrlInstanceAndCounters() throws Exception {
        RawHttp.Response r = call("GET", "/api/containers");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonObject body = new JsonObject(r.text());
        assertThat(body.getString("project")).isEqualTo("control-test");
        assertThat(body.getString("runtime")).isEqualTo("process");
        JsonArray containers = body.getJsonArray("containers");
        assertThat(containers).hasSize(1);
        JsonObject app = containers.getJsonObject(0);
        assertThat(app.getString("name")).isEqualTo("app");
        assertThat(app.getString("status")).isEqualTo("running");
        assertThat(app.getString("url")).isEqualTo("http://localhost:3000/app/");
        assertThat(app.getString("computeType")).isEqualTo("awsLambda");
        assertThat(app.getString("instance")).startsWith("pid ");
        assertThat(app.getInteger("restarts")).isNotNull();
        assertThat(app.containsKey("lastReload")).isTrue();

        assertThat(new JsonObject(call("GET", "/api/containers/app").text()).getString("name")).isEqualTo("app");
        assertThat(call("GET", "/api/containers/nope").status()).isEqualTo(404);
        assertThat(call("GET", "/other").status()).isEqualTo(404);
    }

    @Test
    void restartReplacesTheInstance() throws Exception {
        String before = new JsonObject(call("GET", "/api/containers/app").text()).getString("instance");
        RawHttp.Response r = call("POST", "/api/containers/app/restart", "Content-Length: 0");
        assertThat(r.status()).isEqualTo(202);
        awaitNewInstance(before);
        assertThat(new JsonObject(call("GET", "/api/containers/app").text()).getInteger("restarts")).isPositive();
    }

    /** Other tests expect the app running: a restart is awaited to its end. */
    private void awaitNewInstance(String before) {
        Await.until("a new instance", Duration.ofSeconds(15), () -> {
            try {
                JsonObject app = new JsonObject(call("GET", "/api/containers/app").text());
                return !before.equals(app.getString("instance")) && app.getString("status").equals("running");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void foreignHostsAndOriginsAreRefused() throws Exception {
        RawHttp.Response rebound = RawHttp.exchange(control.port(), RawHttp.request("GET", "evil.example:" + control.port(), "/api/containers"));
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(new JsonObject(rebound.text()).getString("error")).contains("Host was evil.example");
        RawHttp.Response crossSite = call("POST", "/api/containers/app/restart", "Origin: https://evil.example", "Content-Length: 0");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(call("GET", "/api/containers", "Origin: null").status()).isEqualTo(403);
        assertThat(RawHttp.exchange(control.port(), "GET /api/containers HTTP/1.1\r\n\r\n").status()).isIn(400, 403);

        assertThat(RawHttp.exchange(control.port(), RawHttp.request("GET", "localhost:" + control.port(), "/api/containers")).status())
                .isEqualTo(200);
        assertThat(call("GET", "/api/containers", "Origin: http://localhost:3000").status()).isEqualTo(200);
        assertThat(call("GET", "/api/containers", "Origin: http://admin.example.com.localhost:3000").status()).isEqualTo(200);
    }

    @Test
    void theDashboardIsServedWithItsScriptAndStyleAndCannotBeFramed() throws Exception {
        RawHttp.Response page = call("GET", "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).contains("<script src=\"/dashboard.js\" defer></script>", "/dashboard.css");
        assertThat(page.header("content-security-policy")).contains("frame-ancestors 'none'", "script-src 'self'");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(call("GET", "/dashboard.js").header("content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(call("GET", "/dashboard.css").header("content-type")).isEqualTo("text/css; charset=utf-8");
        assertThat(RawHttp.exchange(control.port(), RawHttp.request("GET", "evil.example:" + control.port(), "/")).status()).isEqualTo(403);
    }

    @Test
    void aBrowserMayRestartOnlyFromTheControlPlanesOwnPage() throws Exception {
        String self = "http://127.0.0.1:" + control.port();
        RawHttp.Response fromAnApp = call("POST", "/api/containers/app/restart", "Origin: http://localhost:3000", "Content-Length: 0");
        assertThat(fromAnApp.status()).isEqualTo(403);
        assertThat(new JsonObject(fromAnApp.text()).getString("error"))
                .isEqualTo("the control plane takes changes only from its own page or from tools such as curl (Origin was http://localhost:3000)");
        assertThat(call("POST", "/api/containers/app/restart", "Sec-Fetch-Site: same-site", "Content-Length: 0").status()).isEqualTo(403);
        String before = new JsonObject(call("GET", "/api/containers/app").text()).getString("instance");
        assertThat(call("POST", "/api/containers/app/restart", "Origin: " + self, "Sec-Fetch-Site: same-origin", "Content-Length: 0")
                .status()).isEqualTo(202);
        awaitNewInstance(before);
    }

    @Test
    void writeRules() {
        assertThat(LocalOnly.writeRefusal("127.0.0.1:3001", null, null)).isEmpty();
        assertThat(LocalOnly.writeRefusal("localhost:3001", "http://localhost:3001", "same-origin")).isEmpty();
        assertThat(LocalOnly.writeRefusal("localhost:3001", null, "none")).isEmpty();
        assertThat(LocalOnly.writeRefusal("localhost:3001", "http://127.0.0.1:3001", null)).isPresent();
        assertThat(LocalOnly.writeRefusal("localhost:3001", "http://localhost:3000", null)).isPresent();
        assertThat(LocalOnly.writeRefusal("localhost:3001", null, "cross-site")).isPresent();
    }

    @Test
    void answeredRequestsAreListedAndStreamed() throws Exception {
        requests.accept(new AccessLogEntry("GET", "/app/listed?q=1", "app", "/app/*", "pid 7", 200, Duration.ofMillis(3), "",
                "localhost:3000"));
        JsonObject listed = new JsonObject(call("GET", "/api/requests").text()).getJsonArray("requests").stream()
                .map(JsonObject.class::cast).filter(r -> r.getString("path").equals("/app/listed")).findFirst().orElseThrow();
        assertThat(listed.getString("method")).isEqualTo("GET");
        assertThat(listed.getString("host")).isEqualTo("localhost:3000");
        assertThat(listed.getString("query")).isEqualTo("q=1");
        assertThat(listed.getString("rule")).isEqualTo("/app/*");
        assertThat(listed.getString("container")).isEqualTo("app");
        assertThat(listed.getInteger("status")).isEqualTo(200);
        assertThat(listed.getDouble("latencyMs")).isEqualTo(3.0);
        assertThat(listed.getString("time")).isNotBlank();

        try (RawHttp http = new RawHttp(control.port())) {
            http.write(RawHttp.request("GET", "localhost", "/api/requests/stream").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.read(true).header("content-type")).startsWith("text/event-stream");
            BufferedReader events = new BufferedReader(new InputStreamReader(http.input(), StandardCharsets.UTF_8));
            requests.accept(new AccessLogEntry("POST", "/nowhere", "", "", "", 404, Duration.ofMillis(1), "no rule", "localhost:3000"));
            boolean seen = false;
            for (int i = 0; i < 2000 && !seen; i++) {
                String line = events.readLine();
                seen = line != null && line.startsWith("data: ") && line.contains("\"path\":\"/nowhere\"") && line.contains("\"status\":404");
            }
            assertThat(seen).as("the new request in the stream").isTrue();
        }
    }

    @Test
    void localOnlyRules() {
        assertThat(LocalOnly.refusal("127.0.0.1:3001", null)).isEmpty();
        assertThat(LocalOnly.refusal("[::1]:3001", "http://[::1]:3000")).isEmpty();
        assertThat(LocalOnly.refusal("LOCALHOST", null)).isEmpty();
        assertThat(LocalOnly.refusal("127.0.0.1.nip.io:3001", null)).isPresent();
        assertThat(LocalOnly.refusal(null, null)).isPresent();
        assertThat(LocalOnly.refusal("localhost", "http://localhost.evil.example")).isPresent();
        assertThat(LocalOnly.refusal("localhost", "file://")).isPresent();
    }

    @Test
    void logsStreamAsServerSentEvents() throws Exception {
        try (RawHttp http = new RawHttp(control.port())) {
            http.write(RawHttp.request("GET", "localhost", "/api/logs?container=app").getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response head = http.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-type")).startsWith("text/event-stream");
            BufferedReader events = new BufferedReader(new InputStreamReader(http.input(), StandardCharsets.UTF_8));
            logs.event("app", "a line written after the stream opened");
            boolean seen = false;
            for (int i = 0; i < 2000 && !seen; i++) {
                String line = events.readLine();
                if (line != null && line.startsWith("data: ") && line.contains("a line written after the stream opened")) {
                    JsonObject data = new JsonObject(line.substring(6).strip());
                    assertThat(data.getString("container")).isEqualTo("app");
                    assertThat(data.getString("stream")).isEqualTo("scf-dev");
                    seen = true;
                }
            }
            assertThat(seen).isTrue();
        }
    }
}
