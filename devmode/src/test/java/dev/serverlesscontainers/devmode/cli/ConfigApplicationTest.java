package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session says and does for each container of an applied edit: the line of each, and the folder its reloads
 * watch; and which edits it applies: one made while it started too.
 */
@Timeout(120)
class ConfigApplicationTest {
    private static final Duration APPLIED = Duration.ofSeconds(60);
    private static final String YAML = """
            name: apply-test
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
            """;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TestProject project;

    @BeforeEach
    void writeProject() {
        project = TestProject.in(dir).app("web", "node-app").app("other", "node-app").write("other/version.txt", "other")
                .config(YAML);
    }

    private DevSession start() throws Exception {
        return LiveSessions.start(project, Duration.ofSeconds(10), out, err);
    }

    private void awaitOutput(String line) {
        Await.until("\"" + line + "\" in the output:\n" + out, APPLIED, () -> out.toString().contains(line));
    }

    @Test
    void anEditMadeBetweenTheLoadAndTheStartIsApplied() throws Exception {
        try (DevSession s = LiveSessions.start(project, Duration.ofSeconds(10), out, err,
                () -> project.config(YAML.replace("APP_COLOR: blue", "APP_COLOR: green")))) {
            awaitOutput("config: web  replaced (environment)");
            Await.until("web to answer with the edited colour", APPLIED,
                    () -> RawHttp.getJson(s.proxyPort(), "localhost", "/env").getString("APP_COLOR").equals("green"));
        }
    }

    @Test
    void anAddedContainerThatIsNotHealthyIsSaidOnItsOwnLineAndNoOtherIs() throws Exception {
        try (DevSession s = start()) {
            project.config(YAML.replace("APP_COLOR: blue", "APP_COLOR: green") + """
                      broken:
                        src: ./other
                        routing:
                          pathPattern: /broken/*
                          pathHealthCheck: /health
                        dev:
                          command: exit 3
                    """);
            awaitOutput("config: broken  added (/broken/*) (not healthy: it is retried, see its log)\n");
            assertThat(out.toString()).contains("config: web  replaced (environment)\n");
        }
    }

    @Test
    void aContainerGivenAnotherSrcIsReloadedByEditsThereInstead() throws Exception {
        try (DevSession s = start()) {
            project.config(YAML.replace("src: ./web", "src: ./other"));
            awaitOutput("config: web  replaced (src)");
            Await.until("web to serve from ./other", APPLIED, () -> version(s).equals("other"));

            project.write("other/version.txt", "other-v2");
            Await.until("web to reload from the edit in ./other", APPLIED, () -> version(s).equals("other-v2"));
        }
    }

    private static String version(DevSession s) {
        try {
            return RawHttp.get(s.proxyPort(), "localhost", "/version").text();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}
