package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.Labels;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.image.BaseImages;
import dev.serverlesscontainers.model.routing.RouteDefinition;
import dev.serverlesscontainers.model.routing.RoutingVectors;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scf-dev session on the Docker runtime, as {@code scf-dev dev --runtime docker} runs it, shared
 * by the tests: Node.js and Python apps with their source mounted, routed by the shared routing
 * vectors, and an app built from its Dockerfile. Each test leaves its container serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerDevSessionTest {
    private static final String VECTORS = "catch-all web with an API beside it";
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String RELOADING_BUILT = "^\\[built\\] +-- reloading: ";

    private final String project = TestDocker.uniqueProjectName();
    private final StringWriter out = new StringWriter();
    private Path dir;
    private RoutingVectors.Table vectors;
    private DockerSession docker;
    private String sessionId;
    private int port;

    @BeforeAll
    void startSession(@TempDir Path temp) throws Exception {
        dir = temp;
        vectors = RoutingVectors.tables().stream().filter(t -> t.name().equals(VECTORS)).findFirst().orElseThrow();
        TestProject project = TestProject.in(dir).config(config());
        for (RouteDefinition r : vectors.routes()) {
            if (r.container().equals("web")) {
                project.write("web/main.py", PYTHON_APP).write("web/version.txt", "w1");
            } else {
                project.write(r.container() + "/server.js", NODE_APP).write(r.container() + "/version.txt", "v1")
                        .write(r.container() + "/package.json", "{\"name\": \"" + r.container() + "\", \"main\": \"server.js\"}");
            }
        }
        project.write("built/server.js", NODE_APP).write("built/version.txt", "b1").write("built/Dockerfile", """
                FROM %s
                COPY server.js version.txt /srv/
                RUN if grep -q BROKEN /srv/server.js; then echo "server.js: BROKEN marker found"; exit 7; fi; sleep 2
                CMD ["node", "/srv/server.js"]
                """.formatted(TestDocker.environment().get(BaseImages.NODE_VARIABLE)));
        // a dev script, but a dependency to install (offline: a folder of its own): runs npm start in an image of its
        // dependencies, watched by scf-dev
        project.write("devscript/server.js", NODE_APP).write("devscript/version.txt", "d1")
                .write("devscript/greeting/package.json", "{\"name\": \"greeting\", \"version\": \"1.0.0\"}")
                .write("devscript/package.json", """
                        {"name": "devscript", "scripts": {"start": "node server.js", "dev": "node --watch server.js"},
                         "dependencies": {"greeting": "file:./greeting"}}
                        """);

        docker = DockerSession.start(project, this.project, out, SOON);
        sessionId = docker.sessionId();
        port = docker.port();
    }

    private String config() {
        StringBuilder yaml = new StringBuilder("name: " + project + "\ncontainers:\n");
        for (RouteDefinition r : vectors.routes()) {
            yaml.append("""
                      %s:
                        src: ./%s
                        routing:
                          pathPattern: "%s"
                          pathHealthCheck: /
                        compute:
                          type: %s
                        environment:
                          GREETING: hello from %s
                    """.formatted(r.container(), r.container(), r.pathPattern(), r.computeType().configName(), r.container()));
        }
        // on a domain of its own, so that it changes the routing of none of the vectors' requests
        return yaml + """
                  built:
                    src: ./built
                    routing:
                      domain: built.test
                      pathPattern: /*
                      pathHealthCheck: /
                    compute:
                      type: awsFargateEcs
                  devscript:
                    src: ./devscript
                    routing:
                      domain: devscript.test
                      pathPattern: /*
                      pathHealthCheck: /
                    compute:
                      type: awsFargateEcs
                """;
    }

    @AfterAll
    void stopSession() {
        if (docker != null) {
            docker.close();
        } else {
            TestDocker.removeEverythingOf(project);
        }
    }

    private JsonObject get(String host, String path) throws Exception {
        RawHttp.Response r = RawHttp.get(port, host, path);
        assertThat(r.status()).as("GET %s%s: %s", host, path, r.text()).isEqualTo(200);
        return new JsonObject(r.text());
    }

    private ContainerStatus status(String container) {
        return docker.status(container);
    }

    private void write(String file, String content) throws Exception {
        DockerSession.replace(dir.resolve(file), content);
    }

    private long count(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(out.toString()).results().count();
    }

    /** Waits until the output matches every one of {@code regexes}. */
    private void awaitOutput(String what, Duration timeout, String... regexes) {
        try {
            Await.until(what, timeout, () -> List.of(regexes).stream().allMatch(r -> count(r) > 0));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the output:\n" + out, e);
        }
    }

    @Test
    void theSharedRoutingVectorsReachTheRightContainers() throws Exception {
        for (RoutingVectors.Case c : vectors.cases()) {
            RawHttp.Response r = RawHttp.get(port, c.host(), c.path());
            if (c.expect().isPresent()) {
                assertThat(r.status()).as(c.toString()).isEqualTo(200);
                assertThat(new JsonObject(r.text()).getString("name")).as(c.toString()).isEqualTo(c.expect().get());
            } else {
                assertThat(r.status()).as(c.toString()).isEqualTo(404);
                assertThat(r.text()).as(c.toString()).isEqualTo("Not Found");
            }
        }
        assertThat(get("built.test", "/anything").getString("name")).isEqualTo("built");
        assertThat(out.toString()).contains("  built (awsFargateEcs) -> http://built.test.localhost:" + port + "/\n");
    }

    @Test
    void eachContainerGetsThePlatformsEnvironmentWithPort8080Inside() throws Exception {
        for (String[] c : new String[][] {{"api", "/api/env", "/api/*", "awsFargateEcs"}, {"web", "/env", "/*", "awsLambda"}}) {
            JsonObject env = get("localhost", c[1]);
            assertThat(env.getString("PORT")).isEqualTo("8080");
            assertThat(env.getString("SERVERLESS_NAMESPACE")).isEqualTo(project);
            assertThat(env.getString("SERVERLESS_STAGE")).isEqualTo("dev");
            assertThat(env.getString("SERVERLESS_CONTAINER_NAME")).isEqualTo(c[0]);
            assertThat(env.getString("SERVERLESS_ROUTING_PATH_PATTERN")).isEqualTo(c[2]);
            assertThat(env.getString("SERVERLESS_COMPUTE_TYPE")).isEqualTo(c[3]);
            assertThat(env.getString("SERVERLESS_LOCAL")).isEqualTo("true");
            assertThat(env.getString("GREETING")).isEqualTo("hello from " + c[0]);
            assertThat(env.getString("AWS_EC2_METADATA_DISABLED")).as("no instance role of this machine").isEqualTo("true");
            assertThat(env.fieldNames()).doesNotContain("AWS_ACCESS_KEY_ID", "AWS_PROFILE");
            String address = status(c[0]).address().orElseThrow();
            assertThat(address).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:8080");
        }
    }

    @Test
    void logsReachTheLogViewLineByLine() throws Exception {
        get("localhost", "/api/from-the-log-test");
        get("localhost", "/from-the-log-test");
        awaitOutput("both requests logged", Duration.ofSeconds(10), "request /api/from-the-log-test", "served /from-the-log-test");
        assertThat(out.toString())
                .containsPattern("(?m)^\\[api\\] +first line$")
                .containsPattern("(?m)^\\[api\\] +second line$")
                .containsPattern("(?m)^\\[api\\] +a warning on stderr$")
                .containsPattern("(?m)^\\[api\\] +request /api/from-the-log-test$")
                .containsPattern("(?m)^\\[web\\] +python listening on 8080$")
                .containsPattern("(?m)^\\[web\\] +python warning$")
                .as("a JSON line, on one line").containsPattern("(?m)^\\[web\\] +INFO  served /from-the-log-test status=200$")
                .containsPattern("(?m)^\\[built\\] +-- ready: [0-9a-f]{12} answers on port \\d+");
    }

    @Test
    void aMountedAppReloadsUnderContinuousRequestsWithoutAFailedRequest() throws Exception {
        List<String> replaced = new java.util.ArrayList<>(List.of(status("api").instance().orElseThrow()));
        int reloads = status("api").reloads();
        try (LoadClients load = new LoadClients(port, "localhost", "/api/version", 6, body -> new JsonObject(body).getString("version"))) {
            load.awaitAnswered(30, SOON);
            for (String version : List.of("v2", "v3")) {
                write("api/version.txt", version);
                Await.until("api to serve " + version, SOON, () -> version.equals(versionOf("localhost", "/api/version")));
                load.awaitAnswered(30, SOON);
                if (version.equals("v2")) {
                    replaced.add(status("api").instance().orElseThrow());
                }
            }
            load.close();
            assertThat(load.failures()).as("failed requests").isEmpty();
            assertThat(load.sequences()).allSatisfy(seen -> assertThat(List.of("v1", "v2", "v3")).containsSubsequence(seen));
            assertThat(load.sequences().stream().flatMap(List::stream)).contains("v1", "v2", "v3");
        }
        assertThat(status("api").reloads()).isEqualTo(reloads + 2);
        Await.until("the replaced containers to be removed", SOON, () -> TestDocker.containers(
                Map.of(Labels.SESSION, sessionId, Labels.CONTAINER, "api")).stream().noneMatch(id -> replaced.stream().anyMatch(id::startsWith)));
        // the serving one, and the standby container prepared for the next reload (see Standbys); a standby
        // prepared for a reload that came too soon for it is replaced by the next one within a moment
        Map<String, String> api = Map.of(Labels.SESSION, sessionId, Labels.CONTAINER, "api");
        Await.until("the serving container and at most one standby", SOON, () -> TestDocker.containers(api).size() <= 2);
        assertThat(TestDocker.containers(api)).anyMatch(id -> id.startsWith(status("api").instance().orElseThrow()));
    }

    @Test
    void aDockerfileAppIsRebuiltWhileTheOldOneServesAndChangesDuringTheBuildMakeOneMoreBuild() throws Exception {
        int reloads = status("built").reloads();
        long reloading = count(RELOADING_BUILT);
        try (LoadClients load = new LoadClients(port, "built.test", "/", 3, body -> new JsonObject(body).getString("version"))) {
            load.awaitAnswered(20, SOON);
            write("built/version.txt", "b2");
            Await.until("the rebuild to begin", SOON, () -> count(RELOADING_BUILT) == reloading + 1);
            assertThat(versionOf("built.test", "/")).as("the old container serves during the build").isEqualTo("b1");
            write("built/version.txt", "b3");
            Thread.sleep(700); // past the watcher's debounce: a change of its own, arriving during the build
            write("built/version.txt", "b4");
            Await.until("built to serve b4", SOON, () -> "b4".equals(versionOf("built.test", "/")));
            load.awaitAnswered(20, SOON);
            load.close();
            assertThat(load.failures()).as("failed requests").isEmpty();
            // the build reads the context when it starts, so it may already hold b3; versions never go back
            assertThat(load.sequences()).allSatisfy(seen -> assertThat(List.of("b1", "b2", "b3", "b4")).containsSubsequence(seen));
        }
        assertThat(status("built").reloads()).as("b3 and b4 came during one build: one more build").isEqualTo(reloads + 2);
        assertThat(count(RELOADING_BUILT)).isEqualTo(reloading + 2);
    }

    @Test
    void aFailingBuildShowsTheFailingStepAndKeepsTheOldContainerServing() throws Exception {
        String serving = status("built").instance().orElseThrow();
        String version = versionOf("built.test", "/");
        String good = Files.readString(dir.resolve("built/server.js"));
        write("built/server.js", good + "// BROKEN\n");
        // the engine counts the labels it adds as steps too
        awaitOutput("the failed build", SOON, "^\\[built\\] +-- container built: the image build \\(\\./built/Dockerfile\\) failed at "
                + "Step 3/\\d+ : RUN if grep -q BROKEN /srv/server\\.js", "kept " + serving + " serving the previous version");
        assertThat(out.toString()).contains("returned a non-zero code: 7").containsPattern("(?m)^\\[built\\] +server.js: BROKEN marker found$");
        assertThat(versionOf("built.test", "/")).isEqualTo(version);
        assertThat(status("built").status()).isEqualTo(ContainerStatus.Status.RUNNING);
        assertThat(status("built").lastError()).hasValueSatisfying(e -> assertThat(e).contains("failed at Step 3/"));

        write("built/server.js", good);
        Await.until("a healthy build again", SOON, () -> status("built").lastError().isEmpty()
                && !status("built").instance().orElseThrow().equals(serving));
        assertThat(versionOf("built.test", "/")).isEqualTo(version);
    }

    @Test
    void anAppWithDependenciesAndADevScriptRunsItAndReloadsItselfAsUnderScf() throws Exception {
        assertThat(out.toString()).containsPattern("(?m)^\\[devscript\\] +-- reloads itself")
                .doesNotContainPattern("(?m)watching [^\\n]*devscript[^\\n]* for changes");
        assertThat(versionOf("devscript.test", "/")).isEqualTo("d1");
        // node --watch restarts on a change of server.js, and the restarted app reads version.txt anew
        write("devscript/version.txt", "d2");
        write("devscript/server.js", NODE_APP + "// changed\n");
        Await.until("devscript to serve d2", SOON, () -> "d2".equals(versionOf("devscript.test", "/")));
    }

    @Test
    void aCrashedContainerIsRestartedWithBackoff() throws Exception {
        String crashed = status("img").instance().orElseThrow();
        int restarts = status("img").restarts();
        RawHttp.get(port, "localhost", "/images/crash.png");
        awaitOutput("the crash", SOON, crashed + " exited with code 3; restarting in 1 s");
        Await.until("img to serve again", SOON, () -> "v1".equals(versionOf("localhost", "/images/a.png")));
        assertThat(status("img").instance()).get().isNotEqualTo(crashed);
        assertThat(status("img").restarts()).isEqualTo(restarts + 1);
        assertThat(out.toString()).containsPattern("(?m)^\\[img\\] +crashing now$");
    }

    private String versionOf(String host, String path) {
        return docker.field(host, path, "version");
    }

    /** Answers with its name and version (read at start), or its environment; logs on both streams; crashes on request. */
    private static final String NODE_APP = """
            const http = require('http');
            const fs = require('fs');
            const version = fs.readFileSync(__dirname + '/version.txt', 'utf8').trim();
            http.createServer((req, res) => {
              if (req.url.includes('crash')) { console.log('crashing now'); res.end('bye'); setTimeout(() => process.exit(3), 20); return; }
              res.setHeader('content-type', 'application/json');
              if (req.url.endsWith('/env')) { res.end(JSON.stringify(process.env)); return; }
              if (req.url !== '/' && !req.url.endsWith('/version')) { console.log('request ' + req.url); }
              res.end(JSON.stringify({name: process.env.SERVERLESS_CONTAINER_NAME, version: version, path: req.url}));
            }).listen(process.env.PORT, () => {
              process.stdout.write('first line\\nsecond line\\n');
              console.error('a warning on stderr');
            });
            """;

    private static final String PYTHON_APP = """
            import json, os, sys
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            VERSION = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'version.txt')).read().strip()
            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path.endswith('/env'):
                        body = dict(os.environ)
                    else:
                        body = {'name': os.environ['SERVERLESS_CONTAINER_NAME'], 'version': VERSION, 'path': self.path}
                        if self.path != '/':
                            print(json.dumps({'level': 'info', 'msg': 'served ' + self.path, 'status': 200}), flush=True)
                    data = json.dumps(body).encode()
                    self.send_response(200)
                    self.send_header('content-type', 'application/json')
                    self.send_header('content-length', str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                def log_message(self, *args):
                    pass
            print('python listening on ' + os.environ['PORT'], flush=True)
            print('python warning', file=sys.stderr, flush=True)
            ThreadingHTTPServer(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
            """;
}
