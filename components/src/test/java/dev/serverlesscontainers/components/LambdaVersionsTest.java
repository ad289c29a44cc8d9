package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Lambda container's traffic goes to a {@code live} alias that moves to a newly published version
 * only after that version answered its health check: the function publishes, the check invokes the
 * version, the alias names the version the check passed, the URL and permissions are the alias's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LambdaVersionsTest {
    @TempDir
    Path project;

    private Deployed deploy(MockAws aws) {
        return TestDeploy.run("dev", TestDeploy.argsFor(project).build(), false, aws);
    }

    @Test
    void everyChangePublishesAVersionThatIsCheckedBeforeTheLiveAliasMovesToIt() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed first = deploy(new MockAws());
        assertThat(first.result().errors()).isEmpty();
        Registered fn = first.aws().named("aws:lambda/function:Function", "shop-dev-api-fn");
        assertThat(fn.inputs()).containsEntry("publish", true);

        Registered check = first.aws().named("aws:lambda/invocation:Invocation", "shop-dev-api-health-check");
        Registered alias = first.aws().named("aws:lambda/alias:Alias", "shop-dev-api-alias");
        String version = check.string("qualifier");
        assertThat(version).as("the check invokes the published version, not $LATEST").matches("\\d+");
        assertThat(check.inputs().get("triggers").toString()).contains("version=" + version);
        assertThat(alias.inputs()).containsEntry("name", "live").containsEntry("functionName", "shop-dev-api-fn")
                .containsEntry("functionVersion", version);

        // the order the engine follows: function, then the check of its version, then the alias, then what CloudFront calls
        assertThat(first.placement("shop-dev-api-health-check").dependsOn()).contains("shop-dev-api-fn");
        assertThat(first.placement("shop-dev-api-alias").dependsOn()).contains("shop-dev-api-health-check");
        for (String onAlias : List.of("shop-dev-api-url", "shop-dev-api-url-invoke", "shop-dev-api-function-invoke")) {
            assertThat(first.placement(onAlias).dependsOn()).as(onAlias).contains("shop-dev-api-alias");
        }
        assertThat(first.aws().named("aws:lambda/functionUrl:FunctionUrl", "shop-dev-api-url").inputs()).containsEntry("qualifier", "live");
        assertThat(first.aws().ofType("aws:lambda/permission:Permission")).allSatisfy(p -> assertThat(p.inputs()).containsEntry("qualifier", "live"));
        for (String edge : List.of("shop-dev-cdn", "shop-dev-router")) {
            assertThat(first.placement(edge).dependsOn()).as(edge).contains("shop-dev-api-health-check", "shop-dev-api-alias");
        }

        // a new image publishes a new version, which the check and then the alias follow
        Files.writeString(project.resolve("api/index.js"), Files.readString(project.resolve("api/index.js")) + "\n// v2\n");
        Deployed second = deploy(new MockAws());
        assertThat(second.result().errors()).isEmpty();
        String next = second.aws().named("aws:lambda/invocation:Invocation", "shop-dev-api-health-check").string("qualifier");
        assertThat(next).isNotEqualTo(version);
        assertThat(second.aws().named("aws:lambda/alias:Alias", "shop-dev-api-alias").string("functionVersion")).isEqualTo(next);
        assertThat(second.aws().named("aws:lambda/functionUrl:FunctionUrl", "shop-dev-api-url").inputs())
                .isEqualTo(first.aws().named("aws:lambda/functionUrl:FunctionUrl", "shop-dev-api-url").inputs());
    }

    @Test
    void anUnhealthyVersionFailsTheUpdateWithTheAppsAnswerAndTheAliasIsNotMoved() {
        TestDeploy.copyProject("shop", project);
        var aws = new MockAws();
        String body = Base64.getEncoder().encodeToString("database orders is not reachable".getBytes());
        aws.invocationResults.put("shop-dev-api-health-check",
                "{\"statusCode\":503,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"" + body + "\",\"isBase64Encoded\":true}");
        Deployed d = deploy(aws);

        assertThat(d.result().exceptions()).isNotEmpty();
        assertThat(d.result().exceptions().get(0)).hasMessageContaining(
                "containers.api: version ").hasMessageContaining(" of shop-dev-api-fn answered its health check GET /api/health with 503"
                + " (healthy: 100-499, as the Lambda Web Adapter's readiness check): database orders is not reachable;"
                + " the live alias stays on the version it had");
        assertThat(d.aws().ofType("aws:lambda/alias:Alias")).as("no alias update is sent").isEmpty();
        assertThat(d.aws().ofType("aws:lambda/functionUrl:FunctionUrl")).isEmpty();
    }

    @Test
    void aResponseWithoutStatusCountsAsTheFunctionUrlsTwoHundred() {
        assertThat(LambdaHealthCheck.healthyVersion("api", "fn", "/health", "7", "\"ok\"")).isEqualTo("7");
        assertThat(LambdaHealthCheck.healthyVersion("api", "fn", "/health", "7", "{\"statusCode\":404}")).isEqualTo("7");
        assertThat(LambdaHealthCheck.healthyVersion("api", "fn", "/health", "7", null)).isEqualTo("7");
    }
}
