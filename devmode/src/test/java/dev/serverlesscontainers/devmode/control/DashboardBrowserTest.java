package dev.serverlesscontainers.devmode.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a person uses it: scf-dev runs as its own process, headless Chromium (Debian's,
 * driven by playwright-core through src/test/node/dashboard.cjs) opens the page, sees the containers,
 * a request made through the proxy, the app's log line, pauses and filters the log, restarts a
 * container, and a page of another local site fails to; a container's debug port is shown. Screenshots go to target/dashboard-screenshots.
 */
@Timeout(240)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final Path PLAYWRIGHT = Path.of("target/dashboard-node");
    private static final Path SCREENSHOTS = Path.of("target/dashboard-screenshots");
    private static final Pattern CONTROL = Pattern.compile("dashboard -> (http://127\\.0\\.0\\.1:\\d+/)");

    /** Logs every request it handles; /api/page is a page of this other local site. */
    private static final String APP = """
            const http = require('http');
            http.createServer((req, res) => {
              console.log('handled ' + req.method + ' ' + req.url);
              if (req.url === '/api/page') {
                res.setHeader('content-type', 'text/html');
                return res.end('<!doctype html><title>an app</title><p>an app on the proxy</p>');
              }
              res.end(process.env.SERVERLESS_CONTAINER_NAME + ' ' + req.url);
            }).listen(process.env.PORT);
            """;

    @TempDir
    Path dir;

    @Test
    void theDashboardShowsContainersRequestsAndLogsAndRestarts() throws Exception {
        requireChromium();
        install();
        TestProject project = TestProject.in(dir).write("api/server.js", APP).write("web/server.js", APP).config("""
                name: dashboard
                containers:
                  api:
                    src: ./api
                    routing:
                      pathPattern: /api/*
                      pathHealthCheck: /api/health
                    dev:
                      command: exec node server.js
                  web:
                    src: ./web
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /
                    compute:
                      type: awsFargateEcs
                    dev:
                      command: exec node server.js
                """);
        Files.createDirectories(SCREENSHOTS);
        int debugPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            debugPort = free.getLocalPort();
        }
        try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", project.configFile().toString(), "--runtime", "process",
                "--port-proxy", "0", "--port-control", "0", "--no-aws", "--debug-port", "api=" + debugPort), null)) {
            String dashboard = scfDev.awaitStdout(CONTROL, Duration.ofSeconds(60)).group(1);
            int proxyPort = Integer.parseInt(scfDev.awaitStdout(Pattern.compile("api \\(awsLambda\\) -> http://localhost:(\\d+)/"),
                    Duration.ofSeconds(5)).group(1));
            ProcessBuilder browser = new ProcessBuilder("node", NODE_DIR.resolve("dashboard.cjs").toString(),
                    PLAYWRIGHT.toAbsolutePath().toString(), dashboard, "http://localhost:" + proxyPort, SCREENSHOTS.toAbsolutePath().toString(), String.valueOf(debugPort))
                    .redirectErrorStream(true);
            Process run = browser.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as("the browser run printed:\n%s\nscf-dev printed:\n%s", output, scfDev.text()).isZero();
            assertThat(output).contains("step: done");
        }
        for (String shot : new String[] {"dashboard-containers.png", "dashboard-requests-and-logs.png", "dashboard-restarted.png"}) {
            assertThat(Files.size(SCREENSHOTS.resolve(shot))).as(shot).isGreaterThan(10_000);
        }
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String why = CHROMIUM + " is missing (apt-get install chromium; .ci/setup does)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail("CI is set, so the dashboard's browser test must run, but " + why);
        }
        Assumptions.abort("the dashboard's browser test is skipped: " + why);
    }

    /** playwright-core, unless .ci/setup (or an earlier run) put it in target/ already. */
    private static void install() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", NODE_DIR.resolve("install.sh").toString(), PLAYWRIGHT.toString()).redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("installing playwright-core: %s", output).isZero();
    }
}
