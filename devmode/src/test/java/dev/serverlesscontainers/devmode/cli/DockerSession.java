package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.DockerRuntime;
import dev.serverlesscontainers.devmode.docker.Labels;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/**
 * One scf-dev session on the Docker runtime, started as {@code scf-dev dev --runtime docker} starts
 * it, for a test class to share.
 */
final class DockerSession implements AutoCloseable {
    private final String project;
    private final StringWriter out;
    private DevSession session;
    private String sessionId;
    private boolean stopped;

    private DockerSession(String project, StringWriter out) {
        this.project = project;
        this.out = out;
    }

    /**
     * Starts every container of {@code files}, the user's view going to {@code out}.
     *
     * @param project the name in the project's configuration
     * @param startTimeout how long a container may take to become healthy
     */
    static DockerSession start(TestProject files, String project, StringWriter out, Duration startTimeout) throws Exception {
        DockerSession docker = new DockerSession(project, out);
        try {
            Map<String, String> environment = TestDocker.environment();
            TestDocker.require();
            // as DevCommand does: the registered providers, the Docker one asked for by name
            RuntimeEnvironment runtimeEnvironment = new RuntimeEnvironment(environment, files.load(), false, notice -> { });
            RuntimeSelection.Choice choice = RuntimeSelection.choose("docker", RuntimeSelection.registered(), runtimeEnvironment);
            ContainerRuntime runtime = choice.provider().create(runtimeEnvironment);
            docker.sessionId = ((DockerRuntime) runtime).sessionId();
            docker.session = DevSession.create(files.load(),
                    TestSettings.of(false, startTimeout, environment), runtime, new PrintWriter(out, true), false);
            docker.session.start(choice.provider().name());
            return docker;
        } catch (Exception | AssertionError e) {
            docker.close();
            throw e;
        }
    }

    /**
     * Replaces the file at once, as editors save: a build or an app reading it while it is being
     * written would otherwise see it empty (and then start once more, with the whole file). The temporary
     * file is in the temporary folder, where the JUnit folders are too: one file system, and watched by none.
     */
    static void replace(Path file, String content) throws IOException {
        Path next = Files.writeString(Files.createTempFile("scf-test-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))), content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    DevSession session() {
        return session;
    }

    String sessionId() {
        return sessionId;
    }

    int port() {
        return session.proxyPort();
    }

    /** A field of the JSON the proxy answers for {@code host} and {@code path}; else the status or the failure, to show. */
    String field(String host, String path, String name) {
        try {
            RawHttp.Response r = RawHttp.get(port(), host, path);
            return r.status() == 200 ? new JsonObject(r.text()).getString(name) : "status " + r.status();
        } catch (Exception e) {
            return e.toString();
        }
    }

    ContainerStatus status(String container) {
        return session.fleet().get(container).orElseThrow().status();
    }

    /** Ctrl-C: stops the session and checks that none of its containers and networks is left. */
    void stop() {
        if (session != null && !stopped) {
            stopped = true;
            session.close();
            assertThat(TestDocker.containers(Map.of(Labels.SESSION, sessionId))).as("containers after Ctrl-C").isEmpty();
            assertThat(TestDocker.networks(Labels.SESSION, sessionId)).as("networks after Ctrl-C").isEmpty();
        }
    }

    /** {@link #stop()}, then removes whatever the project left (its images too), whatever happened. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            TestDocker.removeEverythingOf(project);
            System.out.print(out); // what a user would have seen, in the test report
        }
    }
}
