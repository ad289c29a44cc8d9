package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live file as a user has it, on Docker: scf-dev started from the command line, an edit that changes
 * a container's environment and adds a container, made under load, then one with a mistake.
 */
@Timeout(240)
class DockerLiveConfigTest {
    private static final Duration SOON = Duration.ofSeconds(120);
    private static final String APP = """
            require('http').createServer((req, res) => res.end(process.env.APP_COLOR + ' ' + req.url)).listen(process.env.PORT);
            """;

    @TempDir
    Path dir;
    private final String project = TestDocker.uniqueProjectName();

    @AfterEach
    void removeLeftovers() {
        TestDocker.removeEverythingOf(project);
    }

    private String yaml(String colour, String more) {
        return "name: " + project + "\ncontainers:\n  web:\n    src: ./web\n    routing:\n      pathPattern: /*\n"
                + "      pathHealthCheck: /health\n    environment:\n      APP_COLOR: " + colour + "\n" + more;
    }

    @Test
    void anEditIsAppliedUnderLoadAndAMistakeIsReportedWhileTheLastGoodFileServes() throws Exception {
        TestDocker.require();
        TestProject files = TestProject.in(dir);
        for (String app : new String[] {"web", "worker"}) {
            files.write(app + "/server.js", APP).write(app + "/package.json", "{\"name\": \"" + app + "\", \"main\": \"server.js\"}");
        }
        files.config(yaml("blue", ""));
        String worker = "  worker:\n    src: ./worker\n    routing:\n      pathPattern: /worker/*\n      pathHealthCheck: /worker/health\n"
                + "    environment:\n      APP_COLOR: worker\n";
        try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", files.configFile().toString(), "--runtime", "docker",
                "--port-proxy", "0", "--port-control", "0", "--no-aws"), TestDocker.environment())) {
            int port = Integer.parseInt(scfDev.awaitStdout(Pattern.compile("web \\(awsLambda\\) -> http://localhost:(\\d+)/"), SOON)
                    .group(1));
            try (LoadClients load = new LoadClients(port, "localhost", "/x", 4, body -> body.substring(0, body.indexOf(' ')))) {
                load.awaitAnswered(50, SOON);
                files.config(yaml("green", worker));
                scfDev.awaitStdout(Pattern.compile("config: worker  added \\(/worker/\\*\\)"), SOON);
                scfDev.awaitStdout(Pattern.compile("config: web  replaced \\(environment\\)"), SOON);
                load.awaitEveryClientOn("green", SOON);
                assertThat(RawHttp.get(port, "localhost", "/worker/x").text()).isEqualTo("worker /worker/x");

                files.config(yaml("red", worker).replace("pathPattern: /worker/*", "pathPattern: worker"));
                scfDev.awaitStdout(Pattern.compile("still serving the last good configuration"), SOON);
                // the error goes to stderr, a pipe of its own: it may arrive after the notice on stdout
                Pattern error = Pattern.compile("error: " + Pattern.quote(files.configFile().toString())
                        + ":\\d+:\\d+ containers\\.worker\\.routing\\.pathPattern: ");
                dev.serverlesscontainers.devmode.testing.Await.until("the error on stderr", SOON, () -> error.matcher(scfDev.stderr()).find());
                assertThat(scfDev.stderr()).containsPattern(error);
                load.awaitAnswered(50, SOON);
                load.close();
                assertThat(load.failures()).as("failed requests").isEmpty();
                assertThat(load.sequences()).allSatisfy(s -> assertThat(s).containsExactly("blue", "green"));
            }
            scfDev.stop("INT", Duration.ofSeconds(15));
        }
    }
}
