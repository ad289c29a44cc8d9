package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.DeploymentConfig;
import dev.serverlesscontainers.model.config.DevConfig;
import dev.serverlesscontainers.model.config.IamConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;

import dev.serverlesscontainers.model.image.BuildOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.Compute.Fargate;
import dev.serverlesscontainers.model.config.Compute.Lambda;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shapes of SCF's published examples load, with defaults applied and variables resolved. */
class ValidConfigTest {

    static Path corpus(String name) {
        try {
            return Path.of(ValidConfigTest.class.getResource("/configs/valid/" + name + "/serverless.containers.yml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProjectConfig load(String name, String stage, Map<String, String> env) {
        return ConfigLoader.load(corpus(name), stage, env);
    }

    @Test
    void expressOnLambdaTakesLambdaDefaultsAndWarnsAboutAwsApi() {
        ProjectConfig config = load("express-lambda", "dev", Map.of());
        assertThat(config.name()).isEqualTo("express");
        assertThat(config.resourcePrefix()).isEqualTo("express-dev");
        assertThat(config.deployment().type()).isEqualTo("aws@1.0");
        ContainerConfig service = config.containers().get("service");
        assertThat(service.compute()).isEqualTo(new Lambda(1024, 6, false));
        assertThat(service.routing().pathPattern()).isEqualTo("/*");
        assertThat(service.routing().pathHealthCheck()).isEqualTo("/health");
        assertThat(service.routing().healthCheckDefaulted()).isFalse();
        assertThat(service.environment()).containsExactly(Map.entry("HELLO", "world"));
        assertThat(service.src()).endsWith(Path.of("express-lambda", "service"));
        assertThat(config.warnings()).extracting(Problem::message).containsExactly("awsApi@1.0 is treated as aws@1.0");
        assertThat(config.warnings().get(0).location().line()).isEqualTo(4);
    }

    @Test
    void fargateSpotIsAnOptInPerContainer() {
        ProjectConfig config = load("fargate-spot", "dev", Map.of());
        assertThat(config.containers().get("worker").compute()).isEqualTo(new Fargate(512, 1024, Compute.Scale.none(), true, java.util.Optional.empty()));
        assertThat(((Fargate) config.containers().get("web").compute()).spot()).isFalse();
    }

    @Test
    void theHelperFunctionsAreOnUnlessTurnedOffAndVersionsToKeepMayComeFromAParam() {
        ProjectConfig scf = load("scf-full", "dev", Map.of());
        assertThat(scf.deployment().versionsToKeep()).isEqualTo(Defaults.LAMBDA_VERSIONS_TO_KEEP).isEqualTo(5);
        assertThat(scf.deployment().prunesVersions()).isTrue();
        assertThat(scf.deployment().rolloutWatcher()).isTrue();
        assertThat(load("express-lambda", "dev", Map.of()).deployment()).isEqualTo(
                new DeploymentConfig("aws@1.0", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 5, true));

        ProjectConfig dev = load("helper-switches", "dev", Map.of());
        assertThat(dev.deployment().versionsToKeep()).isEqualTo(3);
        assertThat(dev.deployment().rolloutWatcher()).isFalse();
        ProjectConfig prod = load("helper-switches", "prod", Map.of());
        assertThat(prod.deployment().versionsToKeep()).isZero();
        assertThat(prod.deployment().prunesVersions()).as("0 keeps every version").isFalse();
        assertThat(prod.warnings()).isEmpty();
    }

    @Test
    void fargateAgentResolvesEnvironmentAndEncodesNonStrings() {
        ProjectConfig config = load("fargate-agent", "dev", Map.of("OPENAI_API_KEY", "sk-test", "SLACK_APP_NAME", "helper"));
        ContainerConfig agent = config.containers().get("agent");
        assertThat(agent.compute()).isEqualTo(new Fargate(1024, 2048, Compute.Scale.none()));
        assertThat(agent.src()).isEqualTo(config.projectDir().toAbsolutePath().normalize());
        assertThat(agent.environment()).containsExactly(
                Map.entry("OPENAI_API_KEY", "sk-test"),
                Map.entry("SLACK_APP_NAME", "helper"),
                Map.entry("DB_URL", "postgres://localhost/dev"),
                Map.entry("FEATURES", "{\"beta\":true,\"limit\":3}"),
                Map.entry("RETRIES", "3"));
        assertThat(agent.integrations()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo("slack");
            assertThat(i.settings()).containsEntry("name", "\"helper\"");
        });
        assertThat(config.warnings()).extracting(Problem::toString).containsExactly(
                corpus("fargate-agent") + ":19:7 containers.agent.environment.PORT: PORT is set for you (8080 when deployed, a free port in scf-dev); this value is ignored",
                corpus("fargate-agent") + ":26:7 containers.agent.integrations: integrations are validated but not deployed yet; their events will not reach the container");
    }

    @Test
    void twoDomainsAreLowerCasedAndHealthChecksDefaulted() {
        ProjectConfig config = load("two-domains", "prod", Map.of());
        assertThat(config.name()).isEqualTo("acmeinc");
        assertThat(config.containers().keySet()).containsExactly("service-web", "service-api");
        ContainerConfig web = config.containers().get("service-web");
        ContainerConfig api = config.containers().get("service-api");
        assertThat(web.routing().domain()).contains("acmeinc.com");
        assertThat(web.routing().pathHealthCheck()).isEqualTo("/");
        assertThat(web.routing().healthCheckDefaulted()).isTrue();
        assertThat(api.routing().domain()).contains("api.acmeinc.com");
        assertThat(api.compute()).isEqualTo(new Fargate(1024, 4096, Compute.Scale.none()));
        assertThat(api.iam()).isPresent();
        assertThat(api.iam().get().customPolicyJson()).contains(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\"],\"Resource\":[\"*\"]}]}");
        assertThat(config.warnings()).extracting(Problem::message).containsExactly(
                "not set; health checks will request / (the path pattern's prefix). Set it to a path that answers 200 when the app is ready");
    }

    @Test
    void stageParamsFollowTheStageAndFallBackToDefault() {
        ContainerConfig dev = load("stage-params", "dev", Map.of("FALLBACK_VAR", "from-env")).containers().get("app");
        assertThat(dev.compute()).isEqualTo(new Lambda(1024, 30, false));
        assertThat(dev.routing().domain()).contains("dev.example.com");
        assertThat(dev.environment()).containsExactly(
                Map.entry("TABLE", "params-demo-dev-table"),
                Map.entry("STAGE_NAME", "dev"),
                Map.entry("REGION", "us-east-1"),
                Map.entry("CHECK", "/healthz"),
                Map.entry("NESTED", "from-env"));

        ProjectConfig prod = load("stage-params", "prod", Map.of("AWS_REGION", "eu-west-1"));
        ContainerConfig app = prod.containers().get("app");
        assertThat(app.compute()).isEqualTo(new Lambda(2048, 30, false));
        assertThat(app.routing().domain()).contains("example.com");
        assertThat(app.environment()).containsEntry("TABLE", "params-demo-prod-table")
                .containsEntry("REGION", "eu-west-1").containsEntry("NESTED", "last-resort");
    }

    @Test
    void scfCompleteExampleKeepsBuildDevAndDeploymentSettings() {
        ProjectConfig config = load("scf-full", "dev", Map.of());
        assertThat(config.deployment().wafAclArn()).isPresent();
        assertThat(config.deployment().executionRoleArn()).contains("arn:aws:iam::123456789012:role/acme-exec");
        ContainerConfig web = config.containers().get("service-web");
        assertThat(web.build().options()).containsExactly("--target=awsLambda", "--no-cache");
        assertThat(BuildOptions.parse(web.build().options()).target()).contains("awsLambda");
        assertThat(web.dev()).isEqualTo(new DevConfig(Optional.of("npm run build"), Optional.empty(), List.of(".js", ".json"),
                List.of("dist"), Optional.of("npm run dev")));
        ContainerConfig api = config.containers().get("service-api");
        assertThat(api.build().args()).containsExactly(Map.entry("NODE_VERSION", "20"));
        assertThat(BuildOptions.parse(api.build().options()).target()).contains("production");
        assertThat(api.iam()).contains(new IamConfig(Optional.empty(), Optional.of("arn:aws:iam::123456789012:role/acme-api")));
    }

    @Test
    void stepScalingIsBoundWithDefaults() {
        ProjectConfig config = load("step-scaling", "dev", Map.of());
        Fargate worker = (Fargate) config.containers().get("worker").compute();
        assertThat(worker.cpu()).isEqualTo(2048);
        assertThat(worker.memory()).isEqualTo(4096);
        assertThat(worker.scale().min()).hasValue(2);
        assertThat(worker.scale().max()).hasValue(20);
        assertThat(worker.scale().desiredCount()).isEqualTo(2);
        assertThat(worker.scale().steps()).singleElement().satisfies(s -> {
            assertThat(s.cooldown()).isEqualTo(60);
            assertThat(s.metricAggregationType()).isEqualTo("Average");
            assertThat(s.stepAdjustments()).hasSize(3);
            assertThat(s.stepAdjustments().get(2).metricIntervalUpperBound()).isEmpty();
            assertThat(s.dimensions()).containsExactly(new Compute.Dimension("QueueName", "MainQueue"));
        });
    }

    @Test
    void theBundledExampleLoads() {
        ProjectConfig config = ConfigLoader.load(Path.of("../examples/hello/serverless.containers.yml"), "dev", Map.of());
        assertThat(config.containers().keySet()).containsExactly("api", "web", "admin");
        assertThat(config.warnings()).isEmpty();
        assertThat(config.containers().get("api").environment()).containsEntry("GREETING", "Hello").containsEntry("LOG_LEVEL", "info");
        assertThat(config.containers().get("web").environment()).containsEntry("SITE_TITLE", "Hello from dev");
    }
}
