package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scf-dev run CONTAINER -- CMD} as a user types it: its own JVM, no scf-dev running, a real
 * command whose output and exit code are what the user gets.
 */
@Timeout(120)
class RunCommandTest {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String YAML = """
            name: shop
            stages:
              default:
                params:
                  greeting: hello
              qa:
                params:
                  greeting: hello from qa
            containers:
              api:
                src: ./api
                routing:
                  pathPattern: /api/*
                  pathHealthCheck: /api/health
                environment:
                  GREETING: ${param:greeting}
                  DATABASE_URL: postgres://${env:DB_HOST}/shop
                  SERVERLESS_STAGE: not-this
              web:
                src: ./web
                routing:
                  pathPattern: /*
                  pathHealthCheck: /
                compute:
                  type: awsFargateEcs
            """;

    @TempDir
    Path dir;

    private TestProject project;
    private final Map<String, String> env = new HashMap<>(TestProject.hostEnvironment());

    @BeforeEach
    void writeProject() throws Exception {
        project = TestProject.in(dir).config(YAML);
        Files.createDirectories(dir.resolve("api"));
        Files.createDirectories(dir.resolve("web"));
        env.put("DB_HOST", "db.internal");
        // the developer's own identity, which the command must never get
        env.put("AWS_ACCESS_KEY_ID", "AKIADEVELOPEREXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "developerSecretKeyEXAMPLE");
        env.put("AWS_PROFILE", "admin");
    }

    private ScfDevProcess run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "--config", project.configFile().toString()));
        all.addAll(List.of(args));
        return ScfDevProcess.start(all, env, dir);
    }

    @Test
    void theCommandGetsTheContainersDevModeEnvironmentAndNotTheDevelopersIdentity() throws Exception {
        try (ScfDevProcess scfDev = run("--stage", "qa", "--no-aws", "api", "--", "sh", "-c",
                "echo name=$SERVERLESS_CONTAINER_NAME; echo stage=$SERVERLESS_STAGE; echo local=$SERVERLESS_LOCAL; "
                        + "echo type=$SERVERLESS_COMPUTE_TYPE; echo pattern=$SERVERLESS_ROUTING_PATH_PATTERN; "
                        + "echo namespace=$SERVERLESS_NAMESPACE; echo greeting=$GREETING; echo db=$DATABASE_URL; echo port=$PORT; "
                        + "echo key=${AWS_ACCESS_KEY_ID:-none} profile=${AWS_PROFILE:-none} config=$AWS_CONFIG_FILE; echo pwd=$(pwd)")) {
            assertThat(scfDev.awaitExit(EXIT)).as(scfDev.text()).isZero();
            assertThat(scfDev.stdout()).contains("name=api\n", "stage=qa\n", "local=true\n", "type=awsLambda\n", "pattern=/api/*\n",
                    "namespace=shop\n", "greeting=hello from qa\n", "db=postgres://db.internal/shop\n",
                    "key=none profile=none config=/dev/null\n", "pwd=" + dir.toRealPath() + "\n");
            assertThat(scfDev.stdout()).containsPattern("port=\\d+\n");
            assertThat(scfDev.stderr()).isEmpty();
        }
    }

    @Test
    void theHelpListsRunWithAnExample() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
        assertThat(ScfDev.run(new String[] {"--help"}, writer, writer, env)).isZero();
        assertThat(out.toString()).containsPattern("(?m)^  run +Run CMD on this machine");
        out.getBuffer().setLength(0);
        assertThat(ScfDev.run(new String[] {"run", "--help"}, writer, writer, env)).isZero();
        assertThat(out.toString()).contains("CONTAINER CMD...", "scf-dev run api -- npm run migrate", "--no-aws", "--stage=STAGE");
    }

    @Test
    void theExitCodeIsTheCommands() throws Exception {
        try (ScfDevProcess scfDev = run("--no-aws", "web", "--", "sh", "-c", "echo $SERVERLESS_CONTAINER_NAME; exit 7")) {
            assertThat(scfDev.awaitExit(EXIT)).isEqualTo(7);
            assertThat(scfDev.stdout()).isEqualTo("web\n");
        }
    }

    @Test
    void aSigtermToScfDevRunIsPassedOnToTheCommand() throws Exception {
        try (ScfDevProcess scfDev = run("--no-aws", "api", "--", "sh", "-c",
                "trap 'echo stopped by TERM; exit 5' TERM; echo ready; while true; do sleep 0.1; done")) {
            scfDev.awaitStdout(java.util.regex.Pattern.compile("ready"), EXIT);
            scfDev.stop("TERM", Duration.ofSeconds(15));
            assertThat(scfDev.stdout()).as(scfDev.text()).contains("stopped by TERM");
        }
    }

    @Test
    void optionsAfterTheContainerAreTheCommandsEvenWithoutDoubleDash() throws Exception {
        try (ScfDevProcess scfDev = run("--no-aws", "api", "sh", "-c", "echo \"$0 $1\"", "--stage", "--help")) {
            assertThat(scfDev.awaitExit(EXIT)).as(scfDev.text()).isZero();
            assertThat(scfDev.stdout()).isEqualTo("--stage --help\n");
        }
    }

    @Test
    void anUnknownContainerIsAnInputErrorThatListsTheContainers() throws Exception {
        try (ScfDevProcess scfDev = run("--no-aws", "apx", "--", "sh", "-c", "echo ran")) {
            assertThat(scfDev.awaitExit(EXIT)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(scfDev.stderr()).isEqualTo("error: " + project.configFile() + ":10:3 containers: no container named apx "
                    + "(containers: api, web); did you mean api?\n");
            assertThat(scfDev.stdout()).isEmpty();
        }
    }

    @Test
    void nothingAfterTheDoubleDashIsAnInputError() throws Exception {
        try (ScfDevProcess scfDev = run("--no-aws", "api", "--")) {
            assertThat(scfDev.awaitExit(EXIT)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(scfDev.stderr()).isEqualTo("error: no command after -- (usage: scf-dev run CONTAINER -- CMD ARGS...)\n");
        }
    }

    @Test
    void aCommandThatCannotBeRunExitsWith127() throws Exception {
        try (ScfDevProcess scfDev = run("--no-aws", "api", "--", "no-such-command-here")) {
            assertThat(scfDev.awaitExit(EXIT)).isEqualTo(RunCommand.CANNOT_RUN);
            assertThat(scfDev.stderr()).startsWith("error: cannot run no-such-command-here: ");
        }
    }

    @Test
    void anInvalidConfigurationIsReportedLocated() throws Exception {
        project.config(YAML.replace("pathPattern: /api/*", "pathPattern: api"));
        try (ScfDevProcess scfDev = run("--no-aws", "api", "--", "sh", "-c", "echo ran")) {
            assertThat(scfDev.awaitExit(EXIT)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(scfDev.stderr()).containsPattern("error: .*serverless\\.containers\\.yml:\\d+:\\d+ containers\\.api\\.routing\\.pathPattern: ");
            assertThat(scfDev.stdout()).isEmpty();
        }
    }
}
