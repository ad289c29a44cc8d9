package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.serverlesscontainers.devmode.docker.Labels;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node.js and Python apps with dependencies (local packages, so that they install offline) in one
 * scf-dev session on the Docker runtime: each runs with its {@code src} mounted in an image holding
 * only its dependencies, which a change of the code reuses and a change of the dependencies rebuilds.
 * Each test leaves its containers serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerDependenciesSessionTest {
    private static final Duration SOON = Duration.ofSeconds(90);

    private final String project = TestDocker.uniqueProjectName();
    private final StringWriter out = new StringWriter();
    private Path dir;
    private DockerSession docker;
    private int port;

    @BeforeAll
    void startSession(@TempDir Path temp) throws Exception {
        dir = temp;
        TestProject project = TestProject.in(dir).config("""
                name: %s
                containers:
                  node:
                    src: ./node
                    routing:
                      domain: node.test
                      pathPattern: /*
                      pathHealthCheck: /
                    compute:
                      type: awsFargateEcs
                  py:
                    src: ./py
                    routing:
                      domain: py.test
                      pathPattern: /*
                      pathHealthCheck: /
                    compute:
                      type: awsFargateEcs
                """.formatted(this.project));
        project.write("node/server.js", NODE_APP).write("node/version.txt", "v1")
                .write("node/package.json", nodePackage("greeting"))
                .write("node/greeting/package.json", "{\"name\": \"greeting\", \"version\": \"1.0.0\", \"main\": \"index.js\"}")
                .write("node/greeting/index.js", "module.exports = 'greeting 1';\n")
                .write("node/greeting-next/package.json", "{\"name\": \"greeting\", \"version\": \"2.0.0\", \"main\": \"index.js\"}")
                .write("node/greeting-next/index.js", "module.exports = 'greeting 2';\n");
        project.write("py/main.py", PYTHON_APP).write("py/version.txt", "v1")
                .write("py/requirements.txt", "# a local package, installed by pip into site-packages\n./vendor/mypkg\n")
                .write("py/vendor/mypkg/setup.py", setup("1.0"))
                .write("py/vendor/mypkg/mypkg/__init__.py", "GREETING = 'mypkg 1'\n")
                .write("py/vendor/mypkg-next/setup.py", setup("2.0"))
                .write("py/vendor/mypkg-next/mypkg/__init__.py", "GREETING = 'mypkg 2'\n")
                .write("py/vendor/broken/setup.py", "raise SystemExit('mypkg: BROKEN on purpose')\n");

        docker = DockerSession.start(project, this.project, out, SOON);
        port = docker.port();
    }

    @AfterAll
    void stopSession() {
        if (docker == null) {
            TestDocker.removeEverythingOf(project);
            return;
        }
        try {
            docker.stop();
            for (String container : List.of("node", "py")) {
                assertThat(images(container)).as("the images of %s kept after Ctrl-C: the newest only", container).hasSize(1);
            }
        } finally {
            docker.close();
        }
    }

    @Test
    void eachAppRunsItsMountedSourceInAnImageOfItsDependencies() throws Exception {
        assertThat(greetingOf("node.test")).isIn("greeting 1", "greeting 2");
        assertThat(greetingOf("py.test")).isIn("mypkg 1", "mypkg 2");
        for (String container : List.of("node", "py")) {
            InspectContainerResponse running = inspect(container);
            assertThat(running.getConfig().getImage()).matches("scf-dev/" + project + "-" + container + ":deps-[0-9a-f]{16}");
            assertThat(running.getConfig().getLabels()).containsEntry(Labels.MODE, "mounted-source");
            assertThat(running.getHostConfig().getBinds()[0].getPath()).isEqualTo(dir.resolve(container).toRealPath().toString());
            assertThat(running.getConfig().getWorkingDir()).isEqualTo("/app");
        }
        assertThat(out.toString()).doesNotContainPattern("(?m)^\\[node\\] +-- reloads itself")
                .containsPattern("(?m)watching [^\\n]*node[^\\n]* for changes");
    }

    @Test
    void aChangeOfTheCodeSwitchesWithoutAFailedRequestAndBuildsNoImage() throws Exception {
        for (String container : List.of("node", "py")) {
            String host = container + ".test";
            String image = inspect(container).getImageId();
            Set<String> images = images(container);
            String before = versionOf(host);
            String after = before + "+";
            int reloads = status(container).reloads();
            String standby = awaitStandby(container);
            try (LoadClients load = new LoadClients(port, host, "/", 4, body -> new JsonObject(body).getString("version"))) {
                load.awaitAnswered(20, SOON);
                DockerSession.replace(dir.resolve(container + "/version.txt"), after);
                Await.until(container + " to serve " + after, SOON, () -> after.equals(versionOf(host)));
                load.awaitAnswered(20, SOON);
                load.close();
                assertThat(load.failures()).as("failed requests to %s", container).isEmpty();
                assertThat(load.sequences()).allSatisfy(seen -> assertThat(List.of(before, after)).containsSubsequence(seen));
            }
            assertThat(status(container).reloads()).isEqualTo(reloads + 1);
            String serving = status(container).instance().orElseThrow();
            assertThat(standby).as("%s: the standby runs the new code", container).startsWith(serving);
            assertThat(inspect(container).getImageId()).as("%s runs in the same image", container).isEqualTo(image);
            assertThat(images(container)).as("no image built for %s", container).isEqualTo(images);
        }
    }

    @Test
    void aChangeOfTheDependenciesRebuildsTheirImageAndSwitchesWithoutAFailedRequest() throws Exception {
        switchDependencies("node", "node/package.json", nodePackage("greeting-next"), "greeting 2", nodePackage("greeting"), "greeting 1");
        switchDependencies("py", "py/requirements.txt", "./vendor/mypkg-next\n", "mypkg 2", "./vendor/mypkg\n", "mypkg 1");
    }

    /** Makes the manifest name the next version of the package, under load, and then the first again. */
    private void switchDependencies(String container, String manifest, String next, String nextGreeting, String first,
                                    String firstGreeting) throws Exception {
        String host = container + ".test";
        String original = Files.readString(dir.resolve(manifest));
        String image = inspect(container).getConfig().getImage();
        try (LoadClients load = new LoadClients(port, host, "/", 3, body -> new JsonObject(body).getString("greeting"))) {
            load.awaitAnswered(10, SOON);
            DockerSession.replace(dir.resolve(manifest), next);
            Await.until(container + " to greet with " + nextGreeting, SOON, () -> nextGreeting.equals(greetingOf(host)));
            String rebuilt = inspect(container).getConfig().getImage();
            assertThat(rebuilt).as("a new image of the dependencies").isNotEqualTo(image).contains(":deps-");
            DockerSession.replace(dir.resolve(manifest), first);
            Await.until(container + " to greet with " + firstGreeting, SOON, () -> firstGreeting.equals(greetingOf(host)));
            load.awaitAnswered(10, SOON);
            load.close();
            assertThat(load.failures()).as("failed requests to %s", container).isEmpty();
            assertThat(load.sequences().stream().flatMap(List::stream)).contains(nextGreeting);
        }
        if (original.equals(first)) {
            assertThat(inspect(container).getConfig().getImage()).as("the first image again, not built twice").isEqualTo(image);
        }
    }

    @Test
    void aFailingInstallShowsTheErrorAndKeepsTheOldContainerServing() throws Exception {
        String serving = status("py").instance().orElseThrow();
        String version = versionOf("py.test");
        String requirements = Files.readString(dir.resolve("py/requirements.txt"));
        DockerSession.replace(dir.resolve("py/requirements.txt"), "./vendor/broken\n");
        Await.until("the failed install", SOON, () -> out.toString().contains("kept " + serving + " serving the previous version"));
        assertThat(out.toString()).containsPattern("(?m)^\\[py\\] +-- container py: the image build \\(the dependencies in "
                + "requirements\\.txt\\) failed at Step \\d+/\\d+ : RUN pip install --no-cache-dir -r requirements\\.txt")
                .contains("mypkg: BROKEN on purpose");
        assertThat(versionOf("py.test")).isEqualTo(version);
        assertThat(status("py").status()).isEqualTo(ContainerStatus.Status.RUNNING);
        assertThat(status("py").lastError()).hasValueSatisfying(e -> assertThat(e).contains("RUN pip install"));

        DockerSession.replace(dir.resolve("py/requirements.txt"), requirements);
        Await.until("a healthy start again", SOON, () -> status("py").lastError().isEmpty()
                && !status("py").instance().orElseThrow().equals(serving));
        assertThat(versionOf("py.test")).isEqualTo(version);
    }

    private ContainerStatus status(String container) {
        return docker.status(container);
    }

    /** The id of the container's standby: the one made after the serving one (an older one is being retired). */
    private String awaitStandby(String container) {
        Map<String, String> labels = Map.of(Labels.SESSION, docker.sessionId(), Labels.CONTAINER, container);
        Instant serving = Instant.parse(inspect(container).getCreated());
        String[] standby = new String[1];
        Await.until("a standby for " + container, SOON, () -> {
            standby[0] = TestDocker.containers(labels).stream()
                    .filter(id -> Instant.parse(TestDocker.inspectContainer(id).getCreated()).isAfter(serving)).findFirst().orElse(null);
            return standby[0] != null;
        });
        return standby[0];
    }

    private InspectContainerResponse inspect(String container) {
        return TestDocker.inspectContainer(status(container).instance().orElseThrow());
    }

    /** The tags of the container's images. */
    private Set<String> images(String container) {
        return TestDocker.imageTags(Map.of(Labels.MANAGED, "true", Labels.PROJECT, project, Labels.CONTAINER, container));
    }

    private String versionOf(String host) {
        return docker.field(host, "/", "version");
    }

    private String greetingOf(String host) {
        return docker.field(host, "/", "greeting");
    }

    private static String nodePackage(String greetingFolder) {
        return "{\"name\": \"node\", \"main\": \"server.js\", \"dependencies\": {\"greeting\": \"file:./" + greetingFolder + "\"}}\n";
    }

    private static String setup(String version) {
        return "from setuptools import setup\nsetup(name='mypkg', version='" + version + "', packages=['mypkg'])\n";
    }

    /** Answers with its version (read at start) and its dependency's greeting. */
    private static final String NODE_APP = """
            const http = require('http');
            const fs = require('fs');
            const greeting = require('greeting');
            const version = fs.readFileSync(__dirname + '/version.txt', 'utf8').trim();
            http.createServer((req, res) => {
              res.setHeader('content-type', 'application/json');
              res.end(JSON.stringify({version: version, greeting: greeting}));
            }).listen(process.env.PORT, () => console.log('node listening'));
            """;

    private static final String PYTHON_APP = """
            import json, os
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            import mypkg
            VERSION = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'version.txt')).read().strip()
            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    data = json.dumps({'version': VERSION, 'greeting': mypkg.GREETING}).encode()
                    self.send_response(200)
                    self.send_header('content-type', 'application/json')
                    self.send_header('content-length', str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                def log_message(self, *args):
                    pass
            print('python listening', flush=True)
            ThreadingHTTPServer(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
            """;
}
