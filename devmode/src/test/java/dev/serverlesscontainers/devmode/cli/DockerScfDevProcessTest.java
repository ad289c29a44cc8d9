package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.DockerEngine;
import dev.serverlesscontainers.devmode.docker.Labels;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.image.BaseImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scf-dev as a user runs it, on Docker: {@code --runtime auto} picks the engine and says so, serves
 * the bundled example from containers, and when it dies by {@code kill -9} the next run removes the
 * containers it left; a stopped run leaves none.
 */
class DockerScfDevProcessTest {
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private final String project = TestDocker.uniqueProjectName();

    @AfterEach
    void removeLeftovers() {
        TestDocker.removeEverythingOf(project);
    }

    /** The bundled example under a name of its own, so that its containers are told apart by label. */
    private Path example() throws IOException {
        TestProject.in(dir).copy(Path.of("../examples/hello"), "");
        Path config = dir.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config).replaceFirst("(?m)^name: hello$", "name: " + project));
        return config;
    }

    private ScfDevProcess start(Path config, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--port-proxy", "0", "--port-control", "0",
                "--no-aws"));
        args.addAll(List.of(more));
        return ScfDevProcess.start(args, TestDocker.environment());
    }

    private List<String> containersOfTheProject() {
        return TestDocker.containers(Map.of(Labels.PROJECT, project));
    }

    @Test
    void autoPicksDockerAndTheNextRunRemovesWhatAKilledRunLeft() throws Exception {
        TestDocker.require();
        Path config = example();
        String engine;
        try (DockerEngine e = TestDocker.engine()) {
            engine = e.describe();
        }
        List<String> left;
        try (ScfDevProcess killed = start(config)) {
            int port = killed.awaitListing(START);
            assertThat(killed.stdout()).contains("scf-dev: " + project + " (stage dev), runtime docker (auto: Docker engine " + engine + ")");
            assertThat(RawHttp.get(port, "localhost", "/api/hello").text()).contains("\"message\":\"Hello from api\"");
            assertThat(RawHttp.get(port, "localhost", "/").text()).contains("<h1>Hello from dev</h1>");
            assertThat(RawHttp.get(port, "admin.hello.example.com", "/").text()).contains("<h1>Admin</h1>");
            // the three apps are mounted, so each soon has a standby container too (see Standbys)
            Await.until("three containers and their standbys", START, () -> containersOfTheProject().size() == 6);
            left = containersOfTheProject();

            killed.signal("KILL");
            assertThat(killed.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(containersOfTheProject()).as("nothing cleans up after kill -9").containsExactlyInAnyOrderElementsOf(left);
        }

        try (ScfDevProcess next = start(config, "--runtime", "docker")) {
            int port = next.awaitListing(START);
            assertThat(next.stdout()).contains("runtime docker (as asked: Docker engine " + engine + ")");
            assertThat(next.stderr()).containsPattern("scf-dev: removed what an earlier scf-dev run left behind: \\d+ containers \\[[^]]*"
                    + project + "-dev-api-");
            List<String> now = containersOfTheProject();
            assertThat(now).as("the killed run's containers are gone, the new run's serve").hasSizeBetween(3, 6)
                    .doesNotContainAnyElementsOf(left);
            assertThat(RawHttp.get(port, "localhost", "/api/hello").status()).isEqualTo(200);

            // Ctrl-C: every container gets SIGTERM at once, and the README promises all is gone within 5 s (about 2 s here)
            next.stop("INT", Duration.ofSeconds(5));
            assertThat(next.stdout()).contains("scf-dev: stopping every container", "scf-dev: stopped");
            assertThat(containersOfTheProject()).as("containers after Ctrl-C").isEmpty();
            assertThat(TestDocker.networks(Labels.PROJECT, project)).as("networks after Ctrl-C").isEmpty();
        }
    }

    @Test
    void theBaseImageOfTheCommandLineIsWhatTheGeneratedDockerfileStartsFrom() throws Exception {
        TestDocker.require();
        // a Node.js app with a dependency to install gets the generated Dockerfile; the dependency is local, so no registry is needed
        TestProject.in(dir)
                .write("api/package.json", "{\"name\": \"api\", \"dependencies\": {\"greeting\": \"file:greeting\"}, "
                        + "\"scripts\": {\"start\": \"node server.js\"}}")
                .write("api/greeting/package.json", "{\"name\": \"greeting\", \"version\": \"1.0.0\", \"main\": \"index.js\"}")
                .write("api/greeting/index.js", "module.exports = 'hello from the mirror image';\n")
                .write("api/server.js", "require('node:http').createServer((q, s) => s.end(require('greeting'))).listen(process.env.PORT);\n")
                .config("name: " + project + "\ncontainers:\n  api:\n    src: ./api\n    compute:\n      type: awsFargateEcs\n"
                        + "    routing:\n      pathPattern: /api/*\n      pathHealthCheck: /api/health\n");
        // the "mirror": the test base image under another name; the environment names an image that does not exist
        Map<String, String> environment = new HashMap<>(TestDocker.environment());
        environment.put(BaseImages.NODE_VARIABLE, project + "-absent/node:none");
        String mirror = TestDocker.nodeBaseImageAs(project + "-mirror/node", "20-slim");
        try (ScfDevProcess dev = ScfDevProcess.start(List.of("--config", dir.resolve("serverless.containers.yml").toString(),
                "--port-proxy", "0", "--port-control", "0", "--no-aws", "--runtime", "docker", "--debug", "--base-image", "node=" + mirror),
                environment)) {
            int port = Integer.parseInt(dev.awaitStdout(Pattern.compile("api \\(awsFargateEcs\\) -> http://localhost:(\\d+)/api/"), START)
                    .group(1));
            assertThat(RawHttp.get(port, "localhost", "/api/x").text()).isEqualTo("hello from the mirror image");
            assertThat(dev.stdout()).contains("FROM " + mirror).doesNotContain(project + "-absent");
            dev.stop("INT", Duration.ofSeconds(10));
        } finally {
            TestDocker.untag(mirror);
        }
    }
}
