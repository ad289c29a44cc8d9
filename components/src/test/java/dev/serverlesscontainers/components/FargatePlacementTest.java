package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Fargate tasks run: Fargate Spot for a container that opts in ({@code spot: true}, through a
 * capacity provider strategy on a cluster that has both providers), and the private subnets of an
 * existing VPC ({@code deployment.awsVpc.privateSubnets}), without public addresses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FargatePlacementTest {
    private static final String SERVICE = "aws:ecs/service:Service";

    @TempDir
    Path project;

    private void edit(String from, String to) throws Exception {
        Path config = project.resolve("serverless.containers.yml");
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
    }

    @Test
    void aContainerThatOptsIntoSpotRunsOnFargateSpotAndTheOthersStayOnFargate() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed regular = TestDeploy.deployed(project);
        Registered before = regular.aws().named(SERVICE, "shop-dev-web-service");
        assertThat(before.inputs()).containsEntry("launchType", "FARGATE").doesNotContainKey("capacityProviderStrategies");

        edit("        cpu: 512\n", "        cpu: 512\n        spot: true\n");
        Deployed spot = TestDeploy.deployed(project);
        Registered after = spot.aws().named(SERVICE, "shop-dev-web-service");
        assertThat(after.inputs()).doesNotContainKey("launchType");
        assertThat(after.inputs().get("capacityProviderStrategies"))
                .isEqualTo(List.of(Map.of("capacityProvider", "FARGATE_SPOT", "weight", 1.0)));
        Registered providers = spot.aws().named("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "shop-dev-capacity");
        assertThat(providers.inputs()).containsEntry("clusterName", "shop-dev-cluster")
                .containsEntry("capacityProviders", List.of("FARGATE", "FARGATE_SPOT"));
        assertThat(spot.placement("shop-dev-web-service").dependsOn()).contains("shop-dev-capacity");
        // ECS cannot turn a launch type into a strategy in place everywhere: the Spot service is a new one,
        // created (and steady) beside the old before the old is deleted
        assertThat(after.string("name")).isNotEqualTo(before.string("name"));
        assertThat(regular.aws().named("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "shop-dev-capacity").inputs())
                .isEqualTo(providers.inputs());
    }

    @Test
    void inAnExistingVpcTasksRunInItsPrivateSubnetsWithoutPublicAddresses() throws Exception {
        TestDeploy.copyProject("shop", project);
        edit("name: shop\n", TestDeploy.nameWithExistingVpc("shop", 5));
        Deployed d = TestDeploy.deployed(project);
        Map<?, ?> network = (Map<?, ?>) d.aws().named(SERVICE, "shop-dev-web-service").inputs().get("networkConfiguration");
        assertThat(network.get("subnets")).isEqualTo(List.of("subnet-0ccc3335", "subnet-0ddd4445"));
        assertThat(network.get("assignPublicIp")).isEqualTo(false);
    }

    @Test
    void inTheCreatedVpcTasksKeepTheirPublicSubnetsForLackOfANatGateway() {
        TestDeploy.copyProject("shop", project);
        Deployed d = TestDeploy.deployed(project);
        Map<?, ?> network = (Map<?, ?>) d.aws().named(SERVICE, "shop-dev-web-service").inputs().get("networkConfiguration");
        assertThat(network.get("assignPublicIp")).isEqualTo(true);
        assertThat(network.get("subnets").toString()).doesNotContain(String.valueOf(Math.abs("shop-dev-private-a-subnet".hashCode())));
    }
}
