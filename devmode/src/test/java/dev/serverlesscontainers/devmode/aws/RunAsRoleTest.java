package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scf-dev run} as a user types it, against a local STS selected with {@code AWS_ENDPOINT_URL_STS}:
 * the command acts as the container's role, as the container's instances do, with the same rules.
 */
@Timeout(120)
class RunAsRoleTest {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String PRINT_IDENTITY = "echo key=$AWS_ACCESS_KEY_ID; echo expires=${AWS_CREDENTIAL_EXPIRATION:-none}; "
            + "echo region=${AWS_REGION:-none}; echo token=${#AWS_SESSION_TOKEN}";

    @TempDir
    Path dir;

    private FakeSts sts;
    private Path config;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        Path projectDir = Files.createDirectories(dir.resolve("project"));
        Project.load(projectDir, "dev");
        config = projectDir.resolve("serverless.containers.yml");
        sts = FakeSts.start().caller(AwsFixture.ALICE_KEY, AwsFixture.ALICE_SECRET, AwsFixture.ALICE).trust(Project.API_ROLE, AwsFixture.ALICE);
        env = AwsFixture.aliceShell(Files.createDirectories(dir.resolve("home")), sts);
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private ScfDevProcess run(String stage, String container) throws Exception {
        return ScfDevProcess.start(List.of("run", "--config", config.toString(), "--stage", stage, container, "--", "sh", "-c",
                PRINT_IDENTITY), env);
    }

    @Test
    void theCommandActsAsTheContainersRoleAndNoSecretIsPrinted() throws Exception {
        try (ScfDevProcess scfDev = run("dev", "api")) {
            assertThat(scfDev.awaitExit(EXIT)).as(scfDev.text()).isZero();
            List<FakeSts.Request> assumed = sts.requests("AssumeRole");
            assertThat(assumed).as("only the api's role is assumed").hasSize(1);
            assertThat(assumed.get(0).params()).containsEntry("RoleArn", Project.API_ROLE);
            String issuedKey = sts.secrets().stream().filter(s -> s.startsWith("ASIA")).findFirst().orElseThrow();
            assertThat(scfDev.stdout()).contains("key=" + issuedKey + "\n", "region=eu-west-1\n").containsPattern("expires=20\\d\\d-")
                    .containsPattern("token=[1-9]\\d+\n");
            // what scf-dev itself printed names the role and never a secret
            assertThat(scfDev.stderr()).contains(Project.API_ROLE);
            for (String secret : sts.secrets()) {
                assertThat(scfDev.stderr()).doesNotContain(secret);
            }
        }
    }

    @Test
    void anSsmVariableReachesTheCommandAsTheParametersValue() throws Exception {
        Project.load(config.getParent(), "dev", Project.YAML.replace("    compute:\n      type: awsLambda\n",
                "    environment:\n      DATABASE_URL: ${ssm:/hello/${sls:stage}/db}\n    compute:\n      type: awsLambda\n"));
        try (FakeSsm ssm = FakeSsm.start().parameter("/hello/dev/db", "postgres://db.internal/hello")) {
            env.put(ConfigAwsLookup.ENDPOINT_URL_SSM, ssm.endpoint().toString());
            try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("run", "--config", config.toString(), "api", "--", "sh", "-c",
                    "echo db=$DATABASE_URL"), env)) {
                assertThat(scfDev.awaitExit(EXIT)).as(scfDev.text()).isZero();
                assertThat(scfDev.stdout()).isEqualTo("db=postgres://db.internal/hello\n");
                assertThat(ssm.requests()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("/hello/dev/db"));
            }
        }
    }

    @Test
    void aContainerWhoseRoleIsDeniedGetsNoCredentialsNotTheDevelopersOwn() throws Exception {
        try (ScfDevProcess scfDev = run("dev", "web")) {
            assertThat(scfDev.awaitExit(EXIT)).as(scfDev.text()).isZero();
            assertThat(scfDev.stdout()).contains("key=\n", "token=0\n").doesNotContain(AwsFixture.ALICE_KEY);
            assertThat(scfDev.stderr()).contains("warning: ", Project.WEB_ROLE).doesNotContain(Project.API_ROLE);
        }
    }

    @Test
    void onAProductionStageNoRoleIsAssumed() throws Exception {
        try (ScfDevProcess scfDev = run("prod", "api")) {
            assertThat(scfDev.awaitExit(EXIT)).as(scfDev.text()).isZero();
            assertThat(sts.requests()).isEmpty();
            assertThat(scfDev.stdout()).contains("key=\n", "token=0\n");
            assertThat(scfDev.stderr()).contains("stage prod is a production stage");
        }
    }
}
