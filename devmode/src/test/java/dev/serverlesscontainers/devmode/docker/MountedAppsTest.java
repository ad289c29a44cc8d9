package dev.serverlesscontainers.devmode.docker;

import static dev.serverlesscontainers.devmode.docker.TestApps.awaitReady;
import static dev.serverlesscontainers.devmode.docker.TestApps.get;
import static dev.serverlesscontainers.devmode.docker.TestApps.nodeServer;
import static dev.serverlesscontainers.devmode.docker.TestApps.spec;
import static dev.serverlesscontainers.devmode.docker.TestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.serverlesscontainers.devmode.http.EventLoops;
import dev.serverlesscontainers.devmode.logs.LogEntry;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.LogSink.Stream;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.supervisor.Fleet;
import dev.serverlesscontainers.devmode.supervisor.SupervisorOptions;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BaseImages;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node.js and Python apps without a Dockerfile: run from their base image with {@code src} mounted. */
class MountedAppsTest {
    private static final String PROJECT = TestDocker.uniqueProjectName();
    private static final Duration READY = Duration.ofSeconds(20);
    private static final String FIX = "it listens on 127.0.0.1:8080 inside its container only, which nothing outside the container"
            + " reaches: listen on 0.0.0.0 (every interface) and on PORT (8080)";

    @TempDir
    Path dir;
    private DockerRuntime runtime;
    private ProjectConfig project;
    private final TestApps.RecordedLogs logs = new TestApps.RecordedLogs();

    @BeforeEach
    void startRuntime() {
        runtime = TestDocker.runtime();
        write(dir.resolve("api/package.json"), "{\"name\": \"api\", \"main\": \"server.js\"}");
        write(dir.resolve("api/server.js"), nodeServer("hello from node v1"));
        write(dir.resolve("admin/package.json"), "{\"name\": \"admin\", \"version\": \"1.0.0\", \"scripts\": {\"start\": \"node server.js\"}}");
        write(dir.resolve("admin/server.js"), nodeServer("hello from npm start"));
        write(dir.resolve("web/main.py"), """
                import json, os, socket, sys
                from http.server import BaseHTTPRequestHandler, HTTPServer
                class Handler(BaseHTTPRequestHandler):
                    def do_GET(self):
                        if self.path == '/env':
                            body = json.dumps(dict(os.environ))
                        elif self.path.startswith('/resolve/'):
                            body = socket.gethostbyname(self.path[len('/resolve/'):])
                        else:
                            body = 'hello from python'
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(body.encode())
                        print('python served ' + self.path)
                    def log_message(self, *args):
                        pass
                print('python listening on ' + os.environ['PORT'])
                print('python warning', file=sys.stderr)
                HTTPServer(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
                """);
        project = TestApps.load(dir, """
                name: %s
                containers:
                  api:
                    src: ./api
                    routing:
                      pathPattern: /api/*
                      pathHealthCheck: /health
                    environment:
                      GREETING: hello
                      SHARED: from-config
                  admin:
                    src: ./admin
                    routing:
                      pathPattern: /admin/*
                      pathHealthCheck: /admin
                  web:
                    src: ./web
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /
                    compute:
                      type: awsFargateEcs
                """.formatted(PROJECT));
    }

    @AfterEach
    void closeRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @AfterAll
    static void removeLeftovers() {
        TestDocker.removeEverythingOf(PROJECT);
    }

    @Test
    void aNodeAppAnswersOnItsLoopbackPortWithItsEnvironmentAndItsLogs() throws Exception {
        Instance api = runtime.start(spec(project, "api",
                Map.of("SHARED", "from-extra", "AWS_SESSION_TOKEN", "token", "SERVERLESS_STAGE", "not-this"), logs));

        assertThat(api.address().getHostString()).isEqualTo("127.0.0.1");
        assertThat(awaitReady(api.address(), "/hello", READY).body()).isEqualTo("hello from node v1");
        JsonNode env = new ObjectMapper().readTree(get(api.address(), "/env").body());
        assertThat(env.path("PORT").asText()).isEqualTo("8080");
        assertThat(env.path("SERVERLESS_NAMESPACE").asText()).isEqualTo(PROJECT);
        assertThat(env.path("SERVERLESS_STAGE").asText()).as("the platform's variables win").isEqualTo("dev");
        assertThat(env.path("SERVERLESS_CONTAINER_NAME").asText()).isEqualTo("api");
        assertThat(env.path("SERVERLESS_COMPUTE_TYPE").asText()).isEqualTo("awsLambda");
        assertThat(env.path("SERVERLESS_ROUTING_PATH_PATTERN").asText()).isEqualTo("/api/*");
        assertThat(env.path("SERVERLESS_LOCAL").asText()).isEqualTo("true");
        assertThat(env.path("GREETING").asText()).isEqualTo("hello");
        assertThat(env.path("SHARED").asText()).as("extra variables win over the container's").isEqualTo("from-extra");
        assertThat(env.path("AWS_SESSION_TOKEN").asText()).isEqualTo("token");

        logs.await(l -> l.text().equals("request /hello"), Duration.ofSeconds(5), "the request log line");
        assertThat(logs.texts(api.id(), Stream.STDOUT)).contains("listening on 8080", "first line", "second line", "request /hello");
        assertThat(logs.texts(api.id(), Stream.STDERR)).containsExactly("a warning on stderr");
        assertThat(logs.lines).allMatch(l -> l.container().equals("api"));

        InspectContainerResponse container = runtime.engine().client().inspectContainerCmd(api.id()).exec();
        Ports.Binding[] published = container.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080));
        assertThat(published).as("published on the loopback interface only").hasSize(1);
        assertThat(published[0].getHostIp()).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(published[0].getHostPortSpec())).isEqualTo(api.address().getPort());
        assertThat(container.getConfig().getLabels()).containsEntry(Labels.SESSION, runtime.sessionId())
                .containsEntry(Labels.PROJECT, PROJECT).containsEntry(Labels.STAGE, "dev").containsEntry(Labels.CONTAINER, "api")
                .containsEntry(Labels.MODE, "mounted-source").containsKeys(Labels.OWNER_PID, Labels.OWNER_STARTED);
        assertThat(container.getConfig().getImage()).as("no image is built for a mounted app").isEqualTo(TestDocker.baseImages(runtime.engine()).node());
        assertThat(container.getHostConfig().getBinds()[0].getAccessMode().toString()).isEqualTo("ro");
    }

    @Test
    void aPythonAppAnswersWithItsEnvironmentAndItsLogs() throws Exception {
        Instance web = runtime.start(spec(project, "web", Map.of(), logs));

        assertThat(awaitReady(web.address(), "/", READY).body()).isEqualTo("hello from python");
        JsonNode env = new ObjectMapper().readTree(get(web.address(), "/env").body());
        assertThat(env.path("PORT").asText()).isEqualTo("8080");
        assertThat(env.path("SERVERLESS_COMPUTE_TYPE").asText()).isEqualTo("awsFargateEcs");
        assertThat(env.path("SERVERLESS_CONTAINER_NAME").asText()).isEqualTo("web");
        logs.await(l -> l.text().equals("python served /env"), Duration.ofSeconds(5), "the request log line");
        assertThat(logs.texts(web.id(), Stream.STDOUT)).contains("python listening on 8080", "python served /", "python served /env");
        assertThat(logs.texts(web.id(), Stream.STDERR)).containsExactly("python warning");
    }

    @Test
    void anAppStartedByItsNpmStartScriptRunsAndGetsSigterm() throws Exception {
        Instance admin = runtime.start(spec(project, "admin", Map.of(), logs));

        assertThat(awaitReady(admin.address(), "/", READY).body()).isEqualTo("hello from npm start");
        admin.stop(Duration.ofSeconds(5));
        assertThat(logs.texts(admin.id(), Stream.STDOUT)).contains("> node server.js", "got SIGTERM");
    }

    @Test
    void aChangedSourceRunsInANewContainerWhileTheOldOneKeepsServing() throws Exception {
        Instance v1 = runtime.start(spec(project, "api", Map.of(), logs));
        awaitReady(v1.address(), "/", READY);

        write(dir.resolve("api/server.js"), nodeServer("hello from node v2"));
        Instance v2 = runtime.start(spec(project, "api", Map.of(), logs));

        assertThat(v2.id()).isNotEqualTo(v1.id());
        assertThat(awaitReady(v2.address(), "/", READY).body()).isEqualTo("hello from node v2");
        assertThat(get(v1.address(), "/").body()).as("the old container serves until it is stopped").isEqualTo("hello from node v1");

        v1.stop(Duration.ofSeconds(5));
        assertThat(v1.exited().toCompletableFuture().get(5, TimeUnit.SECONDS)).as("SIGTERM reached the app").isZero();
        assertThat(logs.texts(v1.id(), Stream.STDOUT)).contains("got SIGTERM");
        assertThatThrownBy(() -> runtime.engine().client().inspectContainerCmd(v1.id()).exec()).isInstanceOf(NotFoundException.class);
        assertThat(get(v2.address(), "/").body()).isEqualTo("hello from node v2");
        v1.stop(Duration.ofSeconds(5));
    }

    @Test
    void aReloadWakesTheStandbyContainerWhichRunsTheNewCode() throws Exception {
        Instance v1 = runtime.start(spec(project, "api", Map.of(), logs));
        awaitReady(v1.address(), "/", READY);
        var docker = runtime.engine().client();
        Map<String, String> api = Map.of(Labels.SESSION, runtime.sessionId(), Labels.CONTAINER, "api");
        dev.serverlesscontainers.devmode.testing.Await.until("a standby next to v1", Duration.ofSeconds(15),
                () -> docker.listContainersCmd().withLabelFilter(api).exec().size() == 2);
        String standby = docker.listContainersCmd().withLabelFilter(api).exec().stream().map(c -> c.getId().substring(0, 12))
                .filter(id -> !id.equals(v1.id())).findFirst().orElseThrow();
        Thread.sleep(Standbys.SETTLE.toMillis());

        write(dir.resolve("api/server.js"), nodeServer("hello from node v2"));
        Instance v2 = runtime.start(spec(project, "api", Map.of(), logs));

        assertThat(v2.id()).as("the standby runs the app").isEqualTo(standby);
        assertThat(awaitReady(v2.address(), "/", READY).body()).isEqualTo("hello from node v2");
        assertThat(get(v1.address(), "/").body()).isEqualTo("hello from node v1");
        assertThat(logs.texts(v2.id(), Stream.STDOUT)).contains("listening on 8080");

        // different variables (renewed credentials, say) make the standby stale: a new container runs
        dev.serverlesscontainers.devmode.testing.Await.until("the next standby", Duration.ofSeconds(15),
                () -> docker.listContainersCmd().withLabelFilter(api).exec().size() == 3);
        Thread.sleep(Standbys.SETTLE.toMillis());
        Instance v3 = runtime.start(spec(project, "api", Map.of("AWS_SESSION_TOKEN", "renewed"), logs));
        assertThat(new ObjectMapper().readTree(awaitReady(v3.address(), "/env", READY).body()).path("AWS_SESSION_TOKEN").asText())
                .isEqualTo("renewed");
    }

    @Test
    void aCrashCompletesExitedWithTheExitCode() throws Exception {
        Instance api = runtime.start(spec(project, "api", Map.of(), logs));
        awaitReady(api.address(), "/", READY);

        get(api.address(), "/crash");

        assertThat(api.exited().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        logs.await(l -> l.text().equals("crashing now"), Duration.ofSeconds(5), "the app's last line");
    }

    @Test
    void containersShareANetworkAndCloseRemovesEveryContainerAndTheNetwork() throws Exception {
        List<Instance> started = List.of(runtime.start(spec(project, "api", Map.of(), logs)), runtime.start(spec(project, "web", Map.of(), logs)));
        awaitReady(started.get(0).address(), "/", READY);
        String session = runtime.sessionId();
        var docker = TestDocker.engine();
        try {
            // (besides a standby per mounted container, prepared a moment after each start)
            assertThat(docker.client().listContainersCmd().withLabelFilter(Map.of(Labels.SESSION, session)).exec())
                    .extracting(c -> c.getId().substring(0, 12)).contains(started.get(0).id(), started.get(1).id());
            assertThat(docker.client().listNetworksCmd().withFilter("label", List.of(Labels.SESSION + "=" + session)).exec()).hasSize(1);
            assertThat(awaitReady(started.get(1).address(), "/resolve/api", READY).body())
                    .as("containers of a run reach each other by name").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

            runtime.close();

            assertThat(docker.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.SESSION, session)).exec()).isEmpty();
            assertThat(docker.client().listNetworksCmd().withFilter("label", List.of(Labels.SESSION + "=" + session)).exec()).isEmpty();
            assertThat(started).allSatisfy(i -> assertThat(i.exited().toCompletableFuture().isDone()).isTrue());
            assertThatThrownBy(() -> runtime.start(spec(project, "api", Map.of(), logs))).isInstanceOf(StartFailure.class);
        } finally {
            docker.close();
        }
    }

    @Test
    void aBaseImageThatCannotBeFoundNamesTheVariableThatChangesIt() {
        DockerEngine engine = TestDocker.engine();
        BaseImages missing = new BaseImages("127.0.0.1:9/scf-missing:1", "127.0.0.1:9/scf-missing:1", "j", "jb", "a");
        List<String> notices = new CopyOnWriteArrayList<>();
        try (DockerRuntime unreachable = DockerRuntime.create(engine, new DockerSettings(missing, false, DockerSettings.newSessionId(), notices::add))) {
            assertThatThrownBy(() -> unreachable.start(spec(project, "api", Map.of(), logs)))
                    .isInstanceOf(StartFailure.class)
                    .hasMessageStartingWith("container api: the base image 127.0.0.1:9/scf-missing:1 is not on this machine and could not be pulled")
                    .hasMessageEndingWith("set SCF_BASE_IMAGE_NODE to an image you have, e.g. on your registry mirror");
        }
    }

    /** The engine's proxy accepts each connection to the published port of such an app and closes it unanswered. */
    @Test
    void theInstanceSaysWhereItsAppListensInsideTheContainer() throws Exception {
        Instance everywhere = runtime.start(spec(listeningOn("0.0.0.0"), "api", Map.of(), logs));
        awaitReady(everywhere.address(), "/", Duration.ofSeconds(20));
        assertThat(everywhere.listeningProblem()).isEmpty();

        Instance inside = runtime.start(spec(listeningOn("127.0.0.1"), "api", Map.of(), logs));
        Await.until("the app to listen", Duration.ofSeconds(20), () -> inside.listeningProblem().isPresent()
                && !inside.listeningProblem().get().contains("not listening"));
        assertThat(inside.listeningProblem()).contains(FIX);
        inside.stop(Duration.ZERO);
        assertThat(inside.listeningProblem()).as("a stopped container tells nothing").isEmpty();
    }

    @Test
    void aStartThatFailsSaysToListenOnEveryInterface() throws Exception {
        LogHub hub = new LogHub();
        List<LogEntry> events = new CopyOnWriteArrayList<>();
        hub.subscribe(events::add);
        Vertx vertx = EventLoops.create();
        Fleet fleet = new Fleet(listeningOn("127.0.0.1"), runtime, vertx, hub,
                SupervisorOptions.defaults(TestDocker.environment()).withStartTimeout(Duration.ofSeconds(8)));
        try {
            assertThat(fleet.startAll()).containsEntry("api", ContainerSupervisor.Outcome.UNHEALTHY);
            ContainerStatus api = fleet.get("api").orElseThrow().status();
            assertThat(api.lastError().orElseThrow()).contains("did not become healthy: it was not healthy after 8 s: GET / failed: ")
                    .contains("; " + FIX);
            assertThat(events).extracting(LogEntry::text).contains("not answering on PORT yet: " + FIX);
        } finally {
            fleet.close();
            Await.result(vertx.close());
        }
    }

    /** A project of its own (in {@code listening/}) with one container, {@code api}, whose app listens on {@code host}. */
    private ProjectConfig listeningOn(String host) {
        write(dir.resolve("listening/api/package.json"), "{\"name\": \"api\", \"main\": \"server.js\"}");
        write(dir.resolve("listening/api/server.js"), """
                require('http').createServer((req, res) => res.end('hello')).listen(process.env.PORT, '%s',
                    () => console.log('listening on %s:' + process.env.PORT));
                """.formatted(host, host));
        return TestApps.loadOneContainer(dir.resolve("listening"), PROJECT, "compute:\n  type: awsFargateEcs\n");
    }
}
