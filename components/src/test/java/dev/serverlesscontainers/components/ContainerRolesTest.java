package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.naming.RunAsRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role for the whole deployment beside a container with a custom policy of its own: the container
 * gets a role of its own with the policy, the other runs as the deployment's role, and both are the
 * roles the model names, which dev mode assumes.
 */
class ContainerRolesTest {
    private static final String SHARED = "arn:aws:iam::123456789012:role/shop-shared";

    @TempDir
    Path project;

    @Test
    void aCustomPolicyGetsItsOwnRoleBesideADeploymentRole() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path file = project.resolve("serverless.containers.yml");
        Files.writeString(file, Files.readString(file).replace("name: shop\n",
                "name: shop\ndeployment:\n  awsIam:\n    roleArn: " + SHARED + "\n"));
        Deployed deployed = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        assertThat(deployed.result().errors()).isEmpty();
        MockAws aws = deployed.aws();

        String apiRole = "arn:aws:iam::123456789012:role/shop-dev-euw1-api-lambda-role";
        assertThat(aws.ofType("aws:iam/role:Role")).extracting(Registered::name)
                .as("only the api's role, the execution role, the version pruner's and the rollout watcher's are created")
                .containsExactlyInAnyOrder("shop-dev-api-lambda-role", "shop-dev-exec-role", "shop-dev-version_pruner-role",
                        "shop-dev-rollout_watcher-role");
        assertThat(aws.named("aws:iam/rolePolicy:RolePolicy", "shop-dev-api-policy").string("role")).isEqualTo("shop-dev-api-lambda-role-id");
        assertThat(aws.named("aws:lambda/function:Function", "shop-dev-api-fn").string("role")).isEqualTo(apiRole);
        assertThat(aws.ofType("aws:ecs/taskDefinition:TaskDefinition").get(0).string("taskRoleArn")).isEqualTo(SHARED);

        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> containers = (Map<String, Map<String, String>>) deployed.outputs().get("containers");
        assertThat(containers.get("api")).containsEntry("roleArn", apiRole);
        assertThat(containers.get("web")).containsEntry("roleArn", SHARED);

        ProjectConfig config = ConfigLoader.load(file, "dev", Map.of());
        assertThat(RunAsRole.of(config, config.containers().get("api"))).isEqualTo(new RunAsRole.Created("shop", "dev", "api", dev.serverlesscontainers.model.config.ComputeType.AWS_LAMBDA));
        assertThat(RunAsRole.of(config, config.containers().get("web"))).isEqualTo(new RunAsRole.Given(SHARED, RunAsRole.Setting.DEPLOYMENT));
    }
}
