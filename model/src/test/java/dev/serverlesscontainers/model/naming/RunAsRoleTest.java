package dev.serverlesscontainers.model.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which role each kind of container runs as, with and without a role for the whole deployment. */
class RunAsRoleTest {
    private static final String OWN = "arn:aws:iam::123456789012:role/own";
    private static final String SHARED = "arn:aws:iam::123456789012:role/shared";
    private static final String CONTAINERS = """
            containers:
              own:
                src: ./app
                routing: {pathPattern: /own/*}
                compute:
                  type: awsLambda
                  awsIam: {roleArn: %s}
              policy:
                src: ./app
                routing: {pathPattern: /policy/*}
                compute:
                  type: awsLambda
                  awsIam:
                    customPolicy:
                      Statement: [{Effect: Allow, Action: ['s3:GetObject'], Resource: ['*']}]
              plain:
                src: ./app
                routing: {pathPattern: /*}
                compute: {type: awsFargateEcs}
            """.formatted(OWN);

    @TempDir
    Path dir;

    @Test
    void withoutADeploymentRoleOnlyTheContainersOwnArnIsGiven() throws IOException {
        ProjectConfig config = load("name: hello\n" + CONTAINERS);
        assertThat(roleOf(config, "own")).isEqualTo(new RunAsRole.Given(OWN, RunAsRole.Setting.CONTAINER));
        assertThat(roleOf(config, "policy")).isEqualTo(new RunAsRole.Created("hello", "dev", "policy", ComputeType.AWS_LAMBDA));
        assertThat(roleOf(config, "plain")).isEqualTo(new RunAsRole.Created("hello", "dev", "plain", ComputeType.AWS_FARGATE_ECS));
    }

    @Test
    void aDeploymentRoleServesOnlyContainersWithNeitherARoleNorAPolicyOfTheirOwn() throws IOException {
        ProjectConfig config = load("name: hello\ndeployment:\n  awsIam: {roleArn: " + SHARED + "}\n" + CONTAINERS);
        assertThat(roleOf(config, "own")).isEqualTo(new RunAsRole.Given(OWN, RunAsRole.Setting.CONTAINER));
        assertThat(roleOf(config, "policy")).as("a custom policy needs a role of the container's own")
                .isEqualTo(new RunAsRole.Created("hello", "dev", "policy", ComputeType.AWS_LAMBDA));
        assertThat(roleOf(config, "plain")).isEqualTo(new RunAsRole.Given(SHARED, RunAsRole.Setting.DEPLOYMENT));
        assertThat(RunAsRole.Setting.DEPLOYMENT.path()).isEqualTo("deployment.awsIam.roleArn");
    }

    @Test
    void aCreatedRolesNameCarriesTheRegionBecauseRoleNamesAreUniqueInTheAccount() throws IOException {
        RunAsRole.Created created = (RunAsRole.Created) roleOf(load("name: hello\n" + CONTAINERS), "policy");
        assertThat(created.name("eu-west-1")).isEqualTo("hello-dev-euw1-policy-lambda-role");
        assertThat(created.name("us-east-1")).isEqualTo("hello-dev-use1-policy-lambda-role");
    }

    private ProjectConfig load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        return ConfigLoader.loadText(yaml, "serverless.containers.yml", dir, "dev", Map.of());
    }

    private static RunAsRole roleOf(ProjectConfig config, String container) {
        return RunAsRole.of(config, config.containers().get(container));
    }
}
