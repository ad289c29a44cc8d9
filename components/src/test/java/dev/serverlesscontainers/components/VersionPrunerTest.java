package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import dev.serverlesscontainers.model.config.Defaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old Lambda versions are pruned after each alias move: the stack has one pruner function with a role
 * that may touch this stack's functions only, and per Lambda container an invocation that runs after
 * the alias moved, whenever its version changes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VersionPrunerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION_ARN = "arn:aws:lambda:" + MockAws.REGION + ":" + MockAws.ACCOUNT + ":function:";

    @TempDir
    Path project;

    private Deployed deploy() {
        return TestDeploy.deployed(project);
    }

    @Test
    void thePrunerRunsTheShippedCodeAsItsOwnRoleAfterTheAliasMoved() {
        TestDeploy.copyProject("shop", project);
        Deployed d = deploy();

        Registered pruner = d.aws().named("aws:lambda/function:Function", "shop-dev-version_pruner-fn");
        assertThat(pruner.inputs()).containsEntry("name", "shop-dev-version_pruner-fn").containsEntry("runtime", "python3.12")
                .containsEntry("handler", "version_pruner.handler").doesNotContainKey("publish");
        assertThat(pruner.inputs().get("role")).isEqualTo("arn:aws:iam::" + MockAws.ACCOUNT + ":role/shop-dev-euw1-version_pruner-role");
        assertThat(d.placement("shop-dev-version_pruner-fn").dependsOn()).contains("shop-dev-version_pruner-logs", "shop-dev-version_pruner-policy");
        assertThat(d.aws().named("aws:cloudwatch/logGroup:LogGroup", "shop-dev-version_pruner-logs").inputs())
                .containsEntry("name", "/aws/lambda/shop-dev-version_pruner-fn").containsEntry("retentionInDays", 30.0);

        Registered prune = d.aws().named("aws:lambda/invocation:Invocation", "shop-dev-api-prune-versions");
        assertThat(prune.inputs()).containsEntry("functionName", "shop-dev-version_pruner-fn")
                .containsEntry("input", "{\"functionName\":\"shop-dev-api-fn\",\"keep\":5}");
        String live = d.aws().named("aws:lambda/alias:Alias", "shop-dev-api-alias").string("functionVersion");
        assertThat(prune.inputs().get("triggers").toString()).isEqualTo("{liveVersion=" + live + "}");
        assertThat(d.placement("shop-dev-api-prune-versions").dependsOn()).as("after the alias moved, with its permissions in place")
                .contains("shop-dev-api-alias", "shop-dev-version_pruner-policy");
        assertThat(d.placement("shop-dev-cdn").dependsOn()).as("traffic does not wait for pruning").doesNotContain("shop-dev-api-prune-versions");
    }

    @Test
    void theRoleMayListAndDeleteVersionsOfThisStacksFunctionsOnlyNeverAFunction() throws Exception {
        TestDeploy.copyProject("shop", project);
        Files.writeString(project.resolve("serverless.containers.yml"), Files.readString(project.resolve("serverless.containers.yml"))
                + "  admin:\n    src: ./api\n    routing:\n      pathPattern: /admin/*\n      pathHealthCheck: /admin/health\n");
        Deployed d = deploy();

        Registered role = d.aws().named("aws:iam/role:Role", "shop-dev-version_pruner-role");
        assertThat(role.string("assumeRolePolicy")).isEqualTo(Iam.trustPolicy("lambda.amazonaws.com", List.of()));
        JsonNode policy = JSON.readTree(d.aws().named("aws:iam/rolePolicy:RolePolicy", "shop-dev-version_pruner-policy").string("policy"));
        List<String> resources = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            statement.path("Resource").forEach(r -> resources.add(r.asText()));
            String actions = statement.path("Action").toString();
            List<String> on = new ArrayList<>();
            statement.path("Resource").forEach(r -> on.add(r.asText()));
            if (actions.contains("lambda:DeleteFunction")) {
                assertThat(statement.path("Action")).hasSize(1);
                assertThat(on).as("qualified ARNs only: versions, not the function").containsExactly(
                        FUNCTION_ARN + "shop-dev-api-fn:*", FUNCTION_ARN + "shop-dev-admin-fn:*");
            } else if (actions.contains("lambda:")) {
                assertThat(actions).isEqualTo("[\"lambda:ListAliases\",\"lambda:ListVersionsByFunction\"]");
                assertThat(on).containsExactly(FUNCTION_ARN + "shop-dev-api-fn", FUNCTION_ARN + "shop-dev-admin-fn");
            } else {
                assertThat(actions).isEqualTo("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]");
                assertThat(on).hasSize(1).allSatisfy(r -> assertThat(r).contains("shop-dev-version_pruner-logs").endsWith(":*"));
            }
        }
        assertThat(policy.path("Statement")).hasSize(3);
        assertThat(resources).noneMatch(r -> r.equals("*") || r.contains("function:*") || r.contains("function:shop-dev-version_pruner"));
        assertThat(d.aws().ofType("aws:lambda/invocation:Invocation")).extracting(Registered::name)
                .contains("shop-dev-api-prune-versions", "shop-dev-admin-prune-versions");
    }

    @Test
    void aStackWithoutLambdaContainersHasNoPruner() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config).replace("      type: awsLambda\n      awsLambda:\n        memory: 512\n        timeout: 10\n",
                "      type: awsFargateEcs\n"));
        Deployed d = deploy();
        assertThat(d.aws().resources).extracting(Registered::name).noneMatch(n -> n.contains("version_pruner") || n.contains("prune-versions"));
    }

    private Deployed deployKeeping(String versionsToKeep) throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config).replace("name: shop\n",
                "name: shop\ndeployment:\n  awsLambda:\n    versionsToKeep: " + versionsToKeep + "\n"));
        return deploy();
    }

    @Test
    void theVersionsToKeepAreWhatThePrunerIsAskedToKeep() throws Exception {
        Deployed d = deployKeeping("3");
        assertThat(d.aws().named("aws:lambda/invocation:Invocation", "shop-dev-api-prune-versions").inputs())
                .containsEntry("input", "{\"functionName\":\"shop-dev-api-fn\",\"keep\":3}");
        assertThat(d.aws().named("aws:lambda/function:Function", "shop-dev-version_pruner-fn").string("description"))
                .contains("keeping the newest 3 ");
    }

    @Test
    void keepingEveryVersionLeavesNoPrunerRoleLogGroupOrInvocation() throws Exception {
        Deployed d = deployKeeping("0");
        assertThat(d.aws().resources).extracting(Registered::name).noneMatch(n -> n.contains("version_pruner") || n.contains("prune-versions"));
        assertThat(d.aws().ofType("aws:iam/role:Role")).extracting(r -> r.string("name")).noneMatch(n -> n.contains("pruner"));
        assertThat(d.aws().ofType("aws:cloudwatch/logGroup:LogGroup")).extracting(g -> g.string("name")).noneMatch(n -> n.contains("pruner"));
        assertThat(d.aws().ofType("aws:lambda/invocation:Invocation")).extracting(Registered::name).noneMatch(n -> n.contains("prune"));
        // versions are still published behind the live alias, and the health check still runs
        assertThat(d.aws().named("aws:lambda/function:Function", "shop-dev-api-fn").inputs()).containsEntry("publish", true);
    }

    @Test
    void theKeptVersionsStillHaveTheirImagesAndTheReadmeSaysHowMany() throws Exception {
        // a version whose image ECR expired can no longer be rolled back to
        assertThat(Defaults.LAMBDA_VERSIONS_TO_KEEP_MAX).isLessThanOrEqualTo(ContainerImage.IMAGES_KEPT);
        // surefire runs in the module's folder
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("README.md"));
        assertThat(readme.replaceAll("\\s+", " ")).contains("each function keeps its " + Defaults.LAMBDA_VERSIONS_TO_KEEP + " newest published versions")
                .contains("which keeps the last " + ContainerImage.IMAGES_KEPT + ")")
                .contains("`deployment.awsLambda.versionsToKeep` (our extension to SCF's format) keeps another number, from "
                        + Defaults.LAMBDA_VERSIONS_TO_KEEP_MIN + " (the live one and one to roll back to) to " + Defaults.LAMBDA_VERSIONS_TO_KEEP_MAX)
                .contains("`" + Defaults.LAMBDA_VERSIONS_KEEP_ALL + "` **turns pruning off**");
    }
}
