package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.serverlesscontainers.model.load.ConfigException;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.load.VariableSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The configuration's AWS variables in dev mode: answered by AWS with the developer's credentials, or a located error saying why not. */
@Timeout(60)
class ConfigAwsLookupTest extends AwsTestBase {
    private FakeSsm ssm;
    private Path file;

    @BeforeEach
    void project() throws Exception {
        ssm = FakeSsm.start().parameter("/acme/dev/db", "postgres://db.internal/acme");
        aws.env.put(ConfigAwsLookup.ENDPOINT_URL_SSM, ssm.endpoint().toString());
        Files.createDirectories(aws.projectDir.resolve("api"));
        file = aws.projectDir.resolve("serverless.containers.yml");
        Files.writeString(file, """
                name: acme
                containers:
                  api:
                    src: ./api
                    routing: {pathPattern: /*, pathHealthCheck: /health}
                    environment:
                      DB: ${ssm:/acme/${sls:stage}/db}
                      DB_AGAIN: ${aws:ssm:/acme/dev/db}
                      TABLE: arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/acme
                """);
    }

    @AfterEach
    void stopSsm() {
        ssm.close();
    }

    private ProjectConfig load(AwsSettings settings) {
        try (ConfigAwsLookup lookup = ConfigAwsLookup.create(settings, aws.http)) {
            return ConfigLoader.load(file, "serverless.containers.yml", "dev", new VariableSources(aws.env, Map.of(), lookup));
        }
    }

    @Test
    void awsVariablesAreAnsweredWithTheDevelopersCredentialsAndEachParameterIsAskedOnce() throws Exception {
        ProjectConfig config = load(aws.settings());
        assertThat(config.containers().get("api").environment()).containsExactly(
                Map.entry("DB", "postgres://db.internal/acme"),
                Map.entry("DB_AGAIN", "postgres://db.internal/acme"),
                Map.entry("TABLE", "arn:aws:dynamodb:eu-west-1:" + Project.ACCOUNT + ":table/acme"));
        assertThat(ssm.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("/acme/dev/db");
            assertThat(r.withDecryption()).as("SecureStrings are decrypted").isTrue();
            assertThat(r.authorization()).as("signed with the developer's key").contains(AwsFixture.ALICE_KEY);
        });
        assertThat(aws.sts.requests("GetCallerIdentity")).hasSize(1);
    }

    @Test
    void withoutCredentialsEachAwsVariableIsALocatedErrorThatSaysSo() throws Exception {
        aws.env.remove("AWS_ACCESS_KEY_ID");
        aws.env.remove("AWS_SECRET_ACCESS_KEY");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(aws.settings()));
        assertThat(e.errors()).extracting(Problem::toString).satisfiesExactly(
                db -> assertThat(db).startsWith("serverless.containers.yml:7:11 containers.api.environment.DB: ${ssm:/acme/dev/db} "
                        + "cannot be resolved: no AWS credentials were found (").contains("sign in to AWS (aws sso login"),
                again -> assertThat(again).startsWith("serverless.containers.yml:8:17 containers.api.environment.DB_AGAIN:"),
                table -> assertThat(table).startsWith("serverless.containers.yml:9:14 containers.api.environment.TABLE: "
                        + "${aws:accountId} cannot be resolved: no AWS credentials were found"));
        assertThat(ssm.requests()).isEmpty();
    }

    @Test
    void aMissingParameterSaysSoAndNoAwsIsAskedWithNoAws() throws Exception {
        Files.writeString(file, Files.readString(file).replace("/acme/${sls:stage}/db", "/acme/prod/db"));
        ConfigException missing = catchThrowableOfType(ConfigException.class, () -> load(aws.settings()));
        assertThat(missing.errors()).extracting(Problem::toString).containsExactly("serverless.containers.yml:7:11 "
                + "containers.api.environment.DB: there is no SSM parameter /acme/prod/db (create it, or give a default: ${ssm:/acme/prod/db, value})");
        ConfigException disabled = catchThrowableOfType(ConfigException.class, () -> load(aws.settings().withEnabled(false)));
        assertThat(disabled.errors()).extracting(Problem::message).allSatisfy(m -> assertThat(m).contains("--no-aws was given"));
    }
}
