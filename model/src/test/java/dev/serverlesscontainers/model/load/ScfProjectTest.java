package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.AwsPlaceholder;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.IamConfig;
import dev.serverlesscontainers.model.config.IntegrationConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An SCF v2 project with the Serverless Framework keys, variables and .env files such projects carry loads as it is. */
@Timeout(30)
class ScfProjectTest {
    /** What AWS would answer; the interface is the caller's, so a test answers as dev mode's SDK look-up would. */
    private static final AwsLookup ACCOUNT = new AwsLookup() {
        @Override
        public String region() {
            return "eu-central-1";
        }

        @Override
        public String accountId() {
            return "123456789012";
        }

        @Override
        public Optional<String> ssmParameter(String name) {
            return Optional.ofNullable(Map.of("/acme/dev/database-url", "postgres://db/dev", "/acme/jwt-secret", "jwt").get(name));
        }
    };

    /** Equivalents of every example of SCF's public serverless/containers repository. */
    @TestFactory
    Stream<DynamicTest> everyExampleOfScfsRepositoryLoadsWithNothingButItsOwnEnvFile() throws IOException {
        Path valid = ValidConfigTest.corpus("scf-v2").getParent().getParent();
        List<Path> examples;
        try (Stream<Path> s = Files.list(valid)) {
            examples = s.filter(p -> p.getFileName().toString().startsWith("scf-example-")).sorted().toList();
        }
        assertThat(examples).hasSize(10);
        return examples.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            ProjectConfig config = ConfigLoader.load(dir.resolve(Defaults.CONFIG_FILE_NAME), "dev", Map.of());
            assertThat(config.containers()).isNotEmpty();
            assertThat(config.warnings()).extracting(Problem::message).allSatisfy(m -> assertThat(m).matches(
                    "awsApi@1.0 is treated as aws@1.0|PORT is set for you.*|integrations are validated but not deployed yet.*"));
        }));
    }

    private static ProjectConfig load(String stage, VariableSources sources) {
        return ConfigLoader.load(ValidConfigTest.corpus("scf-v2"), "serverless.containers.yml", stage, sources);
    }

    @Test
    void serverlessFrameworkKeysAndScfV2KeysAreAcceptedAndVariablesResolveFromEverySource() {
        ProjectConfig config = load("dev", new VariableSources(Map.of(), Map.of(), ACCOUNT));
        ContainerConfig api = config.containers().get("api");
        assertThat(api.compute()).isEqualTo(new Compute.Fargate(512, 1024, Compute.Scale.none(), false,
                Optional.of("arn:aws:iam::123456789012:role/acme-api-exec")));
        assertThat(api.environment()).containsExactly(
                Map.entry("LOG_LEVEL", "info"),
                Map.entry("REGION", "us-east-1"),
                Map.entry("DEPLOYED_REGION", "eu-central-1"),
                Map.entry("DATABASE_URL", "postgres://db/dev"),
                Map.entry("JWT_SECRET", "jwt"),
                Map.entry("API_KEY", "key-from-dotenv"),
                Map.entry("FEATURES", "{\"beta\":true,\"limit\":3}"));
        assertThat(api.iam().flatMap(IamConfig::customPolicyJson)).get().asString()
                .contains("arn:aws:dynamodb:eu-central-1:123456789012:table/acme-dev");
        assertThat(api.integrations()).extracting(IntegrationConfig::name).containsExactly("alerts", "orders", "nightly");
        assertThat(config.containers().get("worker").environment()).containsExactly(
                Map.entry("QUEUE", "acme-dev-jobs"), Map.entry("LOG_LEVEL", "info"));
        assertThat(config.deployment().executionRoleArn()).contains("arn:aws:iam::123456789012:role/acme-exec");
    }

    @Test
    void dotEnvFeedsOnlyWhatTheEnvironmentLacksExpandsLikeDotenvExpandAndAStageFileReplacesIt() {
        ProjectConfig dev = load("dev", new VariableSources(Map.of("API_KEY", "from-shell"), Map.of(), ACCOUNT));
        Map<String, String> slack = dev.containers().get("api").integrations().get(0).settings();
        assertThat(dev.containers().get("api").environment()).containsEntry("API_KEY", "from-shell");
        assertThat(slack.get("credentials")).isEqualTo(
                "{\"signingSecret\":\"single $NOT_EXPANDED\",\"botToken\":\"xoxb-from-shell\",\"appToken\":\"xapp-1\"}");

        ProjectConfig prod = load("prod", new VariableSources(Map.of(), Map.of("region", "eu-west-1"),
                AwsLookup.placeholders()));
        ContainerConfig api = prod.containers().get("api");
        assertThat(api.environment()).containsEntry("API_KEY", "key-for-prod").containsEntry("REGION", "eu-west-1")
                .containsEntry("LOG_LEVEL", "warn");
        assertThat(api.compute()).isEqualTo(new Compute.Fargate(1024, 4096, Compute.Scale.none(), false,
                Optional.of("arn:aws:iam::123456789012:role/acme-api-exec")));
    }

    @Test
    void atDeployAwsValuesStayPlaceholdersThatNameWhatToLookUp() {
        ProjectConfig config = load("dev", VariableSources.of(Map.of()));
        Map<String, String> env = config.containers().get("api").environment();
        assertThat(AwsPlaceholder.split(env.get("DATABASE_URL"))).containsExactly(AwsPlaceholder.ssm("/acme/dev/database-url"));
        assertThat(AwsPlaceholder.describe(env.get("DEPLOYED_REGION"))).isEqualTo("${aws:region}");
        String policy = config.containers().get("api").iam().flatMap(IamConfig::customPolicyJson).orElseThrow();
        assertThat(AwsPlaceholder.describe(policy)).contains("arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/acme-dev");
    }

    @Test
    void anAwsValueThatCannotBeLookedUpIsALocatedErrorThatSaysWhy() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("dev", new VariableSources(Map.of(), Map.of(),
                AwsLookup.unavailable("no AWS credentials were found (set AWS_PROFILE, or run aws sso login)"))));
        assertThat(e.errors()).extracting(Problem::toString).contains(
                "serverless.containers.yml:50:21 containers.api.environment.DATABASE_URL: ${ssm:/acme/dev/database-url} cannot be resolved: "
                        + "no AWS credentials were found (set AWS_PROFILE, or run aws sso login)",
                "serverless.containers.yml:49:24 containers.api.environment.DEPLOYED_REGION: ${aws:region} cannot be resolved: "
                        + "no AWS credentials were found (set AWS_PROFILE, or run aws sso login)");
    }

    @Test
    void aMissingSsmParameterUsesTheDefaultOrSaysItDoesNotExist(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("serverless.containers.yml"), """
                name: ssm
                containers:
                  api:
                    src: ./app
                    routing: {pathPattern: /*, pathHealthCheck: /health}
                    environment:
                      A: ${ssm:/acme/missing, 'fallback'}
                      B: ${aws:ssm:/acme/missing}
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(dir.resolve("serverless.containers.yml"),
                "s.yml", "dev", new VariableSources(Map.of(), Map.of(), ACCOUNT)));
        assertThat(e.errors()).extracting(Problem::toString).containsExactly(
                "s.yml:8:10 containers.api.environment.B: there is no SSM parameter /acme/missing (create it, or give a default: "
                        + "${ssm:/acme/missing, value})");
    }
}
