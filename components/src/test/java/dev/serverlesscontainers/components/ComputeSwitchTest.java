package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container that changes compute type. Pulumi creates and updates resources in dependency order
 * and deletes what the program no longer declares at the end of the update, after every create and
 * update. So the order is right when: the new compute is declared, the distribution (which swaps the
 * container's origin) and the routing function depend on the new compute being ready (the ECS
 * service only completes once steady, with its listener rule; the Lambda function with its URL and
 * permissions), and the old compute is simply no longer declared.
 */
class ComputeSwitchTest {
    @TempDir
    Path project;

    Deployed deploy() {
        Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        assertThat(d.result().errors()).isEmpty();
        return d;
    }

    void edit(String from, String to) throws Exception {
        Path config = project.resolve("serverless.containers.yml");
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
    }

    static Map<?, ?> origin(Deployed d, String id) {
        for (Object o : (List<?>) d.aws().ofType("aws:cloudfront/distribution:Distribution").get(0).inputs().get("origins")) {
            if (((Map<?, ?>) o).get("originId").equals(id)) {
                return (Map<?, ?>) o;
            }
        }
        throw new AssertionError("no origin " + id);
    }

    static String routerCode(Deployed d) {
        return d.aws().ofType("aws:cloudfront/function:Function").get(0).string("code");
    }

    static List<String> declaredNames(Deployed d) {
        return d.aws().resources.stream().map(Registered::name).toList();
    }

    @Test
    void lambdaToFargateTheServiceRolledOutBeforeTheOriginMovesAndTheFunctionIsLeftToBeDeleted() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = deploy();
        edit("      type: awsLambda\n      awsLambda:\n        memory: 512\n        timeout: 10\n",
                "      type: awsFargateEcs\n      awsFargateEcs:\n        cpu: 256\n        memory: 512\n");
        Deployed after = deploy();

        // the new compute, ready only once its rollout completed (RolloutWatcher)
        after.aws().named("aws:lambda/invocation:Invocation", "shop-dev-api-rollout");
        String rule = "shop-dev-api-rule";
        after.aws().named("aws:lb/listenerRule:ListenerRule", rule);
        for (String edge : List.of("shop-dev-cdn", "shop-dev-router")) {
            assertThat(after.placement(edge).dependsOn()).as(edge).contains("shop-dev-api-service", rule, "shop-dev-api-rollout");
        }
        // the origin keeps its id and now points at the load balancer with the secret
        assertThat(origin(before, "api").get("domainName").toString()).endsWith(".lambda-url.eu-west-1.on.aws");
        assertThat(origin(after, "api").get("domainName").toString()).matches("shop-dev-alb-[0-9a-f]{7}-1234567890\\.eu-west-1\\.elb\\.amazonaws\\.com");
        assertThat(origin(after, "api").keySet()).extracting(Object::toString).contains("customHeaders").doesNotContain("originAccessControlId");
        assertThat(routerCode(after)).as("the routing function does not change").isEqualTo(routerCode(before));
        // the old compute is no longer declared: Pulumi deletes it after the distribution's update
        assertThat(declaredNames(after)).doesNotContain("shop-dev-api-fn", "shop-dev-api-url", "shop-dev-api-url-invoke",
                "shop-dev-api-function-invoke", "shop-dev-api-lambda-role", "shop-dev-api-lambda-logs", "shop-dev-oac");
        assertThat(declaredNames(before)).contains("shop-dev-api-fn", "shop-dev-api-lambda-role");
        // the image's repository stays; its tag changes with the build
        assertThat(declaredNames(after)).contains("shop-dev-api-repo", "shop-dev-api-image", "shop-dev-api-fargate-role");
    }

    @Test
    void fargateToLambdaTheFunctionIsCallableBeforeTheOriginMoves() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = deploy();
        edit("      type: awsFargateEcs\n      awsFargateEcs:\n        cpu: 512\n        memory: 1024\n        scale:\n"
                        + "          - type: min\n            min: 1\n          - type: max\n            max: 4\n"
                        + "          - type: target\n            target: cpu\n            value: 60\n",
                "      type: awsLambda\n");
        Deployed after = deploy();

        List<String> ready = List.of("shop-dev-web-fn", "shop-dev-web-alias", "shop-dev-web-url", "shop-dev-web-url-invoke",
                "shop-dev-web-function-invoke", "shop-dev-web-health-check");
        for (String edge : List.of("shop-dev-cdn", "shop-dev-router")) {
            assertThat(after.placement(edge).dependsOn()).as(edge).containsAll(ready);
        }
        // healthy before traffic: the new function's version answers its health check before the alias CloudFront calls exists
        assertThat(after.placement("shop-dev-web-health-check").dependsOn()).contains("shop-dev-web-fn");
        assertThat(after.placement("shop-dev-web-alias").dependsOn()).contains("shop-dev-web-health-check");
        Registered check = after.aws().named("aws:lambda/invocation:Invocation", "shop-dev-web-health-check");
        assertThat(check.string("functionName")).isEqualTo("shop-dev-web-fn");
        var event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(check.string("input"));
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("rawPath").asText()).isEqualTo("/health");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("GET");
        // it runs again whenever the function publishes a version, and only then
        assertThat(check.inputs().get("triggers").toString()).contains("version=" + check.string("qualifier"));
        // the permissions do not wait for the distribution: they exist before its update routes to the function
        for (String permission : List.of("shop-dev-web-url-invoke", "shop-dev-web-function-invoke")) {
            assertThat(after.placement(permission).dependsOn()).containsExactly("shop-dev-web-alias");
            assertThat(after.aws().named("aws:lambda/permission:Permission", permission).string("sourceArn"))
                    .isEqualTo("arn:aws:cloudfront::123456789012:distribution/*");
        }
        assertThat(origin(after, "web").get("domainName").toString()).endsWith(".lambda-url.eu-west-1.on.aws");
        assertThat(routerCode(after)).isEqualTo(routerCode(before));
        // no Fargate container is left: the load balancer and its parts go after the update
        assertThat(declaredNames(after)).doesNotContain("shop-dev-web-service", "shop-dev-web-tg", "shop-dev-web-rule",
                "shop-dev-alb", "shop-dev-http-listener", "shop-dev-cluster", "shop-dev-web-fargate-role");
        assertThat(after.outputs().get("albDnsName")).isNull();
    }
}
