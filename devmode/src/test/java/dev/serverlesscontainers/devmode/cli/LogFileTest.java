package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-file}: every container's log and the request log, uncoloured, in a file, while the terminal stays as it was. */
@Timeout(120)
class LogFileTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

    @TempDir
    Path dir;

    @Test
    void theFileHasEveryContainersLinesAndEveryRequestWithoutColourWhileTheTerminalIsColoured() throws Exception {
        TestProject project = TestProject.in(dir).app("web", "node-app").app("py", "python-app").config("""
                name: logs-test
                containers:
                  web:
                    src: ./web
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    dev:
                      command: exec node server.js
                  py:
                    src: ./py
                    routing:
                      pathPattern: /py/*
                      pathHealthCheck: /health
                    dev:
                      command: exec python3 main.py
                """);
        Path file = dir.resolve("scf-dev.log");
        Files.writeString(file, "an earlier run\n");
        StringWriter terminal = new StringWriter();
        DevSettings settings = TestSettings.of(false, Duration.ofSeconds(20), TestProject.hostEnvironment(), Optional.of(file));
        try (DevSession s = DevSession.create(project.load(), settings, new ProcessRuntime(TestProject.hostEnvironment()),
                new PrintWriter(terminal, true), true)) {
            s.start("process");
            int port = s.proxyPort();
            assertThat(RawHttp.get(port, "localhost:" + port, "/hello").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "localhost:" + port, "/py/x").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "localhost:" + port, "/py").status()).isEqualTo(200);
        }
        String logged = Files.readString(file);
        assertThat(logged).doesNotContain("\u001b", "an earlier run");
        assertThat(logged).containsPattern("(?m)^" + TIME + "\\[web\\]     INFO  listening version=v1 port=\\d+$")
                .containsPattern("(?m)^" + TIME + "\\[py\\]      INFO  listening version=v1$")
                .containsPattern("(?m)^" + TIME + "\\[web\\]     -- ready: pid \\d+ answers (HTTP )?on port \\d+")
                .containsPattern("(?m)^" + TIME + "\\[scf-dev\\] GET /hello -> web \\(rule /\\*, pid \\d+\\): 200 in \\d+ ms$")
                .containsPattern("(?m)^" + TIME + "\\[scf-dev\\] GET /py/x -> py \\(rule /py/\\*, pid \\d+\\): 200 in \\d+ ms$")
                .containsPattern("(?m)^" + TIME + "\\[scf-dev\\] GET /py -> web \\(rule /\\*, pid \\d+\\): 200 in \\d+ ms$");
        // the terminal is as it was: coloured, and the requests only with --debug
        assertThat(terminal.toString()).contains("\u001b[").doesNotContain("GET /hello");
    }

    @Test
    void theFlagWritesTheFileOfARunStoppedByASignal() throws Exception {
        Path file = dir.resolve("run.log");
        try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", "../examples/hello/serverless.containers.yml",
                "--runtime", "process", "--port-proxy", "0", "--port-control", "0", "--no-aws", "--log-file", file.toString()), null)) {
            int port = scfDev.awaitListing(Duration.ofSeconds(60));
            assertThat(RawHttp.get(port, "localhost:" + port, "/api/hello").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "localhost:" + port, "/nowhere/at/all").status()).isEqualTo(200);
            scfDev.stop("TERM", Duration.ofSeconds(10));
        }
        String logged = Files.readString(file);
        assertThat(logged).doesNotContain("\u001b").contains("[api]", "[web]", "[admin]")
                .containsPattern("(?m)^" + TIME + "\\[scf-dev\\] GET /api/hello -> api \\(rule /api/\\*, pid \\d+\\): 200 in \\d+ ms$")
                .containsPattern("(?m)^" + TIME + "\\[scf-dev\\] GET /nowhere/at/all -> web ");
    }

    @Test
    void aFileThatCannotBeWrittenStopsTheStartWithTheReason() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path file = dir.resolve("no-such-folder/scf-dev.log");
        int code = ScfDev.run(new String[] {"--config", "../examples/hello/serverless.containers.yml", "--runtime", "process",
            "--port-proxy", "0", "--port-control", "0", "--no-aws", "--log-file", file.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true), TestProject.hostEnvironment());
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).contains("error: --log-file: cannot write " + file + ": ");
    }
}
