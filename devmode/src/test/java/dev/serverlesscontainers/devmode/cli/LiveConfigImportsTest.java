package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that serverless.containers.yml reads through {@code ${file()}} is as live as the file itself, however
 * it is reached: read by another imported file, or named through a variable.
 */
@Timeout(120)
class LiveConfigImportsTest {
    private static final Duration APPLIED = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void editingANestedImportReloadsTheConfiguration() throws Exception {
        TestProject project = TestProject.in(dir);
        project.app("web", "node-app");
        project.write("colors.yml", "color: ${file(${param:palette}):current}\n");
        project.write("palette.yml", "current: blue\n");
        project.config("""
                name: imports-test
                stages:
                  default:
                    params:
                      palette: ./palette.yml
                containers:
                  web:
                    src: ./web
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    environment:
                      APP_COLOR: ${file(./colors.yml):color}
                    dev:
                      command: exec node server.js
                """);
        try (DevSession s = LiveSessions.start(project, Duration.ofSeconds(30), out, err)) {
            assertThat(colour(s)).isEqualTo("blue");

            project.write("palette.yml", "current: green\n");

            Await.until("\"config: web  replaced (environment)\" in the output:\n" + out, APPLIED,
                    () -> out.toString().contains("config: web  replaced (environment)"));
            Await.until("web to answer with the new colour", APPLIED, () -> colour(s).equals("green"));
            assertThat(err.toString()).isEmpty();
        }
    }

    private static String colour(DevSession s) {
        return RawHttp.getJson(s.proxyPort(), "localhost", "/env").getString("APP_COLOR");
    }
}
