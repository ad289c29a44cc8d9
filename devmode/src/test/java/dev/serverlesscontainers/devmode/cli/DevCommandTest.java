package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What scf-dev dev says when it cannot run; the running command is tested as a process in ScfDevProcessTest. */
class DevCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ScfDev.run(args, new PrintWriter(out, true), new PrintWriter(err, true), TestProject.hostEnvironment());
    }

    @Test
    void devIsTheDefaultCommand() {
        CommandLine cli = ScfDev.commandLine(new PrintWriter(out), new PrintWriter(err), Map.of());
        assertThat(ScfDev.withDefaultCommand(new String[] {}, cli)).containsExactly("dev");
        assertThat(ScfDev.withDefaultCommand(new String[] {"--config", "x.yml"}, cli)).containsExactly("dev", "--config", "x.yml");
        assertThat(ScfDev.withDefaultCommand(new String[] {"validate"}, cli)).containsExactly("validate");
        assertThat(ScfDev.withDefaultCommand(new String[] {"--help"}, cli)).containsExactly("--help");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("dev", "validate", "run", "debug-config", "Without a command, scf-dev runs dev",
                "--log-file", "--debug-port", "http://127.0.0.1:3001/");
    }

    @Test
    void theHelpShowsEveryFlagWithItsDefault() {
        assertThat(run("dev", "--help")).isZero();
        assertThat(out.toString()).contains("--port-proxy=PORT", "(default: 3000", "--port-control=PORT", "(default: 3001",
                "--runtime=RUNTIME", "auto, docker or process", "--host=ADDRESS", "127.0.0.1; 0.0.0.0 exposes it", "--debug", "--stage=STAGE",
                "--start-timeout=SECONDS", "--base-image=NAME=IMAGE", "SCF_BASE_IMAGE_NODE", "--no-aws", "--stack-outputs=FILE",
                "--aws-profile=NAME", "--production-stages=STAGE[,STAGE...]", "--log-file=FILE", "a dashboard (http://127.0.0.1:3001/)",
                "--debug-port=CONTAINER[=PORT]");
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("(default: auto: docker when",
                "pass its health check (default: 60).", "one request at a time (default: 10).");
    }

    @Test
    void dockerWithoutAnEngineFailsWithEveryWayTried(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(TestProject.hostEnvironment());
        env.put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        int code = ScfDev.run(new String[] {"--config", "../examples/hello/serverless.containers.yml", "--runtime", "docker", "--no-aws"},
                new PrintWriter(out, true), new PrintWriter(err, true), env);
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).contains("error: --runtime docker: no Docker engine answers; tried:\n"
                + "  - unix://" + dir.resolve("no-engine.sock") + " (DOCKER_HOST): no such socket\n"
                + "DOCKER_HOST is set, so no other way was tried");
        assertThat(out.toString()).doesNotContain("runtime docker");
    }

    @Test
    void anSsmVariableWithoutAwsCredentialsIsALocatedInputErrorAndADotEnvFeedsEnv(@TempDir Path dir) throws Exception {
        TestProject.in(dir).write("api/server.js", "").write(".env", "API_KEY=from-dotenv-file\n").config("""
                name: creds
                containers:
                  api:
                    src: ./api
                    routing: {pathPattern: /*, pathHealthCheck: /health}
                    environment:
                      API_KEY: ${env:API_KEY}
                      DB: ${ssm:/creds/db}
                """);
        Map<String, String> env = new HashMap<>(TestProject.hostEnvironment());
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", dir.resolve("empty-home").toString());
        Path config = dir.resolve("serverless.containers.yml");
        int code = ScfDev.run(new String[] {"--config", config.toString(), "--runtime", "process"},
                new PrintWriter(out, true), new PrintWriter(err, true), env);
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).startsWith("error: " + config + ":8:11 containers.api.environment.DB: ${ssm:/creds/db} cannot be "
                + "resolved: no AWS credentials were found (").contains("1 problem found.").doesNotContain("API_KEY", "from-dotenv-file");
        assertThat(out.toString()).doesNotContain("runtime process");
    }

    @Test
    void badFlagsAreInputErrors() {
        assertThat(run("--runtime", "podman")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("--runtime must be one of auto, docker, process (got podman)");
        assertThat(run("--port-proxy", "4000", "--port-control", "4000")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run("--port-proxy", "70000")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run("--base-image", "ruby=ruby:3")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("--base-image takes NAME=IMAGE with NAME one of node, python, java, java-build (got ruby)");
        assertThat(run("--base-image", "node")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("--base-image node= needs an image");
    }

    @Test
    void badAwsInputIsAnInputErrorBeforeAnythingStarts(@TempDir Path dir) {
        assertThat(run("--config", "../examples/hello/serverless.containers.yml", "--runtime", "process",
                "--stack-outputs", dir.resolve("outputs.json").toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("error: ", dir.resolve("outputs.json").toString()).doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("runtime process");
        assertThat(run("--config", "../examples/hello/serverless.containers.yml", "--runtime", "process",
                "--production-stages", "live;prod")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("error: --production-stages: expected stage names", "(got live;prod)");
    }

    @Test
    void anInvalidConfigurationListsItsProblems() {
        assertThat(run("--config", "../model/src/test/resources/configs/invalid/48-many-problems-at-once.yml"))
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("5 problems found.").doesNotContain("\tat ");
    }

    @Test
    void aTakenPortIsReportedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--config", "../examples/hello/serverless.containers.yml", "--port-proxy", String.valueOf(taken.getLocalPort()),
                    "--port-control", "0", "--runtime", "process");
            assertThat(code).isEqualTo(ExitCode.FAILURE);
            assertThat(err.toString()).contains("error: cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port-proxy");
            assertThat(out.toString()).doesNotContain("ready:");
        }
    }

    @Test
    void aContainerThatCannotStartSaysWhyAndHowToSetDevCommand(@TempDir Path dir) {
        TestProject project = TestProject.in(dir).app("app", "node-app").config("""
                name: bad-command
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /*
                    dev:
                      command: no-such-server --port $PORT
                """);
        int code = run("--config", project.configFile().toString(), "--port-proxy", "0", "--port-control", "0");
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(out.toString()).contains("app: cannot start dev.command `no-such-server --port $PORT`: `no-such-server` was not found on PATH",
                "Fix containers.app.dev.command in serverless.containers.yml");
        assertThat(err.toString()).contains("error: cannot start app; the reason is above");
    }
}
