package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Fargate service's rollout is awaited by the stack's rollout watcher, not by the provider's wait:
 * one watcher function per stack, whose role reads this stack's services and the tasks of its cluster
 * only, and per Fargate container an invocation that runs after the service, asks about the task
 * definition this deploy registered, and holds back the distribution and the container's outputs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RolloutWatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECS = "arn:aws:ecs:" + MockAws.REGION + ":" + MockAws.ACCOUNT + ":";

    @TempDir
    Path project;

    private Deployed deploy() {
        return TestDeploy.deployed(project);
    }

    @Test
    void theServiceIsNotAwaitedByTheProviderButByTheWatcherWhichAsksAboutThisDeploysTaskDefinition() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed d = deploy();

        Registered service = d.aws().ofType("aws:ecs/service:Service").get(0);
        assertThat(service.inputs()).containsEntry("waitForSteadyState", false)
                .containsEntry("deploymentCircuitBreaker", java.util.Map.of("enable", true, "rollback", true));
        assertThat(d.placement("shop-dev-web-service").createTimeout()).as("the provider's wait is not used, so no bound on it").isEmpty();
        assertThat(d.placement("shop-dev-web-service").ignoreChanges()).containsExactly("desiredCount");

        Registered watcher = d.aws().named("aws:lambda/function:Function", "shop-dev-rollout_watcher-fn");
        assertThat(watcher.inputs()).containsEntry("runtime", "python3.12").containsEntry("handler", "rollout_watcher.handler")
                .containsEntry("timeout", 900.0).containsEntry("role", "arn:aws:iam::" + MockAws.ACCOUNT + ":role/shop-dev-euw1-rollout_watcher-role");
        assertThat(d.aws().named("aws:cloudwatch/logGroup:LogGroup", "shop-dev-rollout_watcher-logs").inputs())
                .containsEntry("name", "/aws/lambda/shop-dev-rollout_watcher-fn");

        Registered rollout = d.aws().named("aws:lambda/invocation:Invocation", "shop-dev-web-rollout");
        assertThat(rollout.inputs()).containsEntry("functionName", "shop-dev-rollout_watcher-fn");
        JsonNode event = JSON.readTree(rollout.string("input"));
        assertThat(event.path("container").asText()).isEqualTo("web");
        assertThat(event.path("service").asText()).as("the service's id, its ARN").isEqualTo(ECS + "service/shop-dev-cluster/" + service.string("name"));
        assertThat(event.path("cluster").asText()).isEqualTo(ECS + "cluster/shop-dev-cluster");
        assertThat(event.path("taskDefinition").asText()).as("the revision this deploy registered, so a new one runs the watcher again")
                .isEqualTo(service.string("taskDefinition"));
        assertThat(event.path("logGroup").asText()).isEqualTo("/ecs/shop-dev-web-fargate-logs");
        assertThat(event.path("waitSeconds").asInt()).isEqualTo(RolloutWatcher.WAIT_SECONDS);

        assertThat(d.placement("shop-dev-web-rollout").dependsOn()).as("after the service's change, with the watcher's permissions")
                .contains("shop-dev-web-service", "shop-dev-rollout_watcher-policy");
        assertThat(d.placement("shop-dev-cdn").dependsOn()).as("CloudFront routes to the container only once it rolled out")
                .contains("shop-dev-web-rollout");
    }

    @Test
    void theRoleReadsThisStacksServicesAndTheTasksOfItsClusterOnly() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config) + "  admin:\n    src: ./web\n    routing:\n      pathPattern: /admin/*\n"
                + "      pathHealthCheck: /admin/health\n    compute:\n      type: awsFargateEcs\n");
        Deployed d = deploy();

        List<String> services = d.aws().ofType("aws:ecs/service:Service").stream().map(s -> s.string("name")).toList();
        String clusterName = d.aws().ofType("aws:ecs/cluster:Cluster").get(0).string("name");
        assertThat(d.aws().named("aws:iam/role:Role", "shop-dev-rollout_watcher-role").string("assumeRolePolicy"))
                .isEqualTo(Iam.trustPolicy("lambda.amazonaws.com", List.of()));
        JsonNode policy = JSON.readTree(d.aws().named("aws:iam/rolePolicy:RolePolicy", "shop-dev-rollout_watcher-policy").string("policy"));
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            List<String> on = new ArrayList<>();
            statement.path("Resource").forEach(r -> on.add(r.asText()));
            statement.path("Action").forEach(a -> actions.add(a.asText()));
            switch (statement.path("Action").get(0).asText()) {
                case "ecs:DescribeServices" -> assertThat(on).containsExactlyInAnyOrderElementsOf(
                        services.stream().map(s -> ECS + "service/" + clusterName + "/" + s).toList());
                case "ecs:ListTasks" -> {
                    // authorized on container instances, which Fargate tasks have none of: the cluster is the condition
                    assertThat(on).containsExactly("*");
                    assertThat(statement.path("Condition").path("ArnEquals").path("ecs:cluster").asText()).startsWith("arn:aws:ecs:")
                            .endsWith(clusterName);
                }
                case "ecs:DescribeTasks" -> {
                    assertThat(on).containsExactly(ECS + "task/" + clusterName + "/*");
                    assertThat(statement.path("Condition").path("ArnEquals").path("ecs:cluster").asText()).endsWith(clusterName);
                }
                case "logs:CreateLogStream" -> assertThat(on).hasSize(1)
                        .allSatisfy(r -> assertThat(r).contains("shop-dev-rollout_watcher-logs").endsWith(":*"));
                default -> throw new AssertionError("unexpected statement " + statement);
            }
        }
        assertThat(actions).containsExactly("ecs:DescribeServices", "ecs:ListTasks", "ecs:DescribeTasks", "logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(d.aws().ofType("aws:lambda/invocation:Invocation")).extracting(Registered::name)
                .contains("shop-dev-web-rollout", "shop-dev-admin-rollout");
    }

    @Test
    void theDocsStateTheWatchersBounds() throws Exception {
        // surefire runs in the module's folder
        Path repository = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        String readme = Files.readString(repository.resolve("README.md")).replaceAll("\\s+", " ");
        String limits = Files.readString(repository.resolve("docs/configuration.md")).replaceAll("\\s+", " ");
        String minutes = String.valueOf(RolloutWatcher.WAIT_SECONDS / 60.0).replaceAll("\\.0$", "");
        assertThat(readme).contains("within " + minutes + " minutes").contains(RolloutWatcher.TIMEOUT_SECONDS + " s timeout");
        assertThat(limits).contains("A rollout gets at most " + minutes + " minutes").contains("(" + RolloutWatcher.TIMEOUT_SECONDS
                + " s, Lambda's maximum) less " + RolloutWatcher.ANSWER_MARGIN_SECONDS + " s")
                .contains("within " + RolloutWatcher.UNSEEN_DEPLOYMENT_GRACE_SECONDS + " s of the update");
        assertThat(readme).contains("has appeared within " + RolloutWatcher.UNSEEN_DEPLOYMENT_GRACE_SECONDS + " s");
        // without the watcher, what a failed new service costs
        String providerWait = "after " + DeployDefaults.NEW_SERVICE_WAIT.toMinutes() + " minutes";
        assertThat(readme).contains("rolloutWatcher: false").contains(providerWait);
        assertThat(limits).contains("rolloutWatcher: false").contains(providerWait);
    }

    /** The shop project with the watcher turned off, deployed against {@code aws}. */
    private Deployed deployWithoutWatcher(MockAws aws) throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config).replace("name: shop\n",
                "name: shop\ndeployment:\n  awsFargateEcs:\n    rolloutWatcher: false\n"));
        return TestDeploy.run("dev", TestDeploy.argsFor(project).build(), false, aws);
    }

    @Test
    void turnedOffTheStackHasNoWatcherNorItsRoleAndTheServiceWaitsForASteadyStateOnThisDeploysTaskDefinition() throws Exception {
        Deployed d = deployWithoutWatcher(new MockAws());
        assertThat(d.result().errors()).isEmpty();
        assertThat(d.result().exceptions()).isEmpty();

        assertThat(d.aws().resources).extracting(Registered::name).noneMatch(n -> n.contains("rollout"));
        assertThat(d.aws().ofType("aws:iam/role:Role")).extracting(r -> r.string("name")).noneMatch(n -> n.contains("rollout"));
        assertThat(d.aws().ofType("aws:cloudwatch/logGroup:LogGroup")).extracting(g -> g.string("name")).noneMatch(n -> n.contains("rollout"));
        assertThat(d.aws().ofType("aws:lambda/invocation:Invocation")).extracting(Registered::name).noneMatch(n -> n.endsWith("-rollout"));

        Registered service = d.aws().ofType("aws:ecs/service:Service").get(0);
        assertThat(service.inputs()).containsEntry("waitForSteadyState", true)
                .containsEntry("deploymentCircuitBreaker", java.util.Map.of("enable", true, "rollback", true));
        // the provider's wait ignores the rollout state, so only its create timeout ends a first deployment
        // that the circuit breaker stopped: 20 minutes unless the program says otherwise
        assertThat(d.placement("shop-dev-web-service").createTimeout()).contains(DeployDefaults.NEW_SERVICE_WAIT);
        assertThat(d.placement("shop-dev-web-service").ignoreChanges()).containsExactly("desiredCount");
        assertThat(d.placement("shop-dev-cdn").dependsOn()).as("CloudFront routes to the container once the provider saw it steady")
                .contains("shop-dev-web-service");
        // once steady, the service is read back with the deploying identity's own permissions
        assertThat(d.aws().calls).filteredOn(c -> c.token().equals("aws:ecs/getService:getService")).singleElement()
                .satisfies(c -> assertThat(c.args()).containsEntry("serviceName", service.string("name")));
        assertThat(d.outputs().get("containers").toString()).contains("serviceName=" + service.string("name"));
    }

    @Test
    void turnedOffAnUpdateThatEcsRolledBackStillFailsTheDeployButWithoutTheStoppedTasksReasons() throws Exception {
        var aws = new MockAws();
        aws.rolledBack.add("shop-dev-web-service");
        Deployed d = deployWithoutWatcher(aws);
        // the service's name ends in a hash of what would replace it (Names.replaceable)
        assertThat(d.result().errors()).anySatisfy(e -> assertThat(e).containsPattern("containers\\.web: ECS rolled the service"
                + " shop-dev-web-service-[0-9a-f]+ back to " + java.util.regex.Pattern.quote(MockAws.PREVIOUS_TASK_DEFINITION)
                + " because the new tasks \\(").contains("rolloutWatcher: true"));
    }

    @Test
    void aStackWithoutFargateContainersHasNoWatcher() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        String yaml = Files.readString(config);
        Files.writeString(config, yaml.substring(0, yaml.indexOf("  web:\n")));
        Deployed d = deploy();
        assertThat(d.aws().resources).extracting(Registered::name).noneMatch(n -> n.contains("rollout"));
    }
}
