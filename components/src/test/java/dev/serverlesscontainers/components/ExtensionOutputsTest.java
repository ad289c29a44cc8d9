package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a program needs to extend the deploy, as the component's outputs: the network's subnets and
 * security groups, the cluster, the load balancer and its listener, the distribution, and per
 * container its role, log group and function or service; a program that lets the tasks into a
 * database's security group with them; and a Java program's transformation on the component, which
 * reaches the resources it creates.
 */
@Timeout(60)
class ExtensionOutputsTest {
    @TempDir
    Path project;

    @Test
    void theOutputsNameWhatTheDeployCreated() {
        TestDeploy.copyProject("shop", project);
        MockAws aws = new MockAws();
        AtomicReference<ServerlessContainers> component = new AtomicReference<>();
        TestResult result = run(aws, component);

        assertThat(result.exceptions()).isEmpty();
        ServerlessContainers app = component.get();
        String cluster = aws.named("aws:ecs/cluster:Cluster", "shop-dev-cluster").string("name");
        assertThat(value(app.clusterName())).isEqualTo(cluster);
        assertThat(value(app.clusterArn())).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/shop-dev-cluster");
        assertThat(value(app.albArn())).isEqualTo("arn:aws:lb:eu-west-1:123456789012:shop-dev-alb");
        assertThat(value(app.listenerArn())).isEqualTo("arn:aws:lb:eu-west-1:123456789012:shop-dev-http-listener");
        assertThat(value(app.distributionArn())).isEqualTo("arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE");
        assertThat(value(app.publicSubnetIds())).hasSize(2).allSatisfy(id -> assertThat(id).startsWith("sub-"));
        assertThat(value(app.privateSubnetIds())).hasSize(2).doesNotContainAnyElementsOf(value(app.publicSubnetIds()));
        assertThat(value(app.tasksSecurityGroupId())).isEqualTo(id("shop-dev-tasks-sg"));
        assertThat(value(app.serviceSecurityGroupId())).isEqualTo(id("shop-dev-s2s-sg"));

        Map<String, Map<String, String>> containers = value(app.containers());
        assertThat(containers.get("api")).containsEntry("roleName", aws.named("aws:iam/role:Role", "shop-dev-api-lambda-role").string("name"))
                .containsEntry("logGroupName", aws.ofType("aws:cloudwatch/logGroup:LogGroup").stream()
                        .filter(g -> g.name().startsWith("shop-dev-api")).findFirst().orElseThrow().string("name"))
                .containsEntry("functionName", aws.named("aws:lambda/function:Function", "shop-dev-api-fn").string("name"))
                .containsEntry("functionArn", "arn:aws:lambda:eu-west-1:123456789012:shop-dev-api-fn")
                .doesNotContainKeys("serviceArn");
        assertThat(containers.get("web")).containsKeys("roleName", "logGroupName", "serviceName").doesNotContainKeys("functionArn")
                .containsEntry("serviceArn", "arn:aws:ecs:eu-west-1:123456789012:service/" + cluster + "/" + containers.get("web").get("serviceName"));
    }

    @Test
    void aProgramLetsTheTasksIntoItsDatabasesSecurityGroup() {
        TestDeploy.copyProject("shop", project);
        MockAws aws = new MockAws();
        TestResult result = run(aws, new AtomicReference<>());

        assertThat(result.exceptions()).isEmpty();
        var rule = aws.named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "database-from-tasks");
        assertThat(rule.string("referencedSecurityGroupId")).isEqualTo(id("shop-dev-tasks-sg"));
        assertThat(rule.string("securityGroupId")).isEqualTo(id("database"));
    }

    @Test
    void aTransformationOnTheComponentReachesEveryLogGroupItCreates() {
        TestDeploy.copyProject("shop", project);
        MockAws aws = new MockAws();
        ResourceTransformation retention = t -> t.args() instanceof LogGroupArgs group
                ? Optional.of(new ResourceTransformation.Result(LogGroupArgs.builder().name(group.name().orElseThrow())
                        .tags(group.tags().orElseThrow()).retentionInDays(7).build(), t.options()))
                : Optional.empty();
        try {
            TestResult result = PulumiTest.withMocks(aws).withOptions(TestOptions.builder().projectName("app").stackName("dev").build())
                    .runTest(ctx -> new ServerlessContainers("app", TestDeploy.argsFor(project).build(),
                            ComponentResourceOptions.builder().resourceTransformations(retention).build()));
            assertThat(result.exceptions()).isEmpty();
        } finally {
            PulumiTest.cleanup();
        }

        assertThat(aws.ofType("aws:cloudwatch/logGroup:LogGroup")).as("the api's, the web's, the version pruner's and the rollout watcher's").hasSize(4)
                .allSatisfy(g -> assertThat(g.inputs().get("retentionInDays")).as("the wire carries numbers as doubles").isEqualTo(7.0));
    }

    /** The shop project, and a database security group in its VPC that the tasks may reach on 5432. */
    private TestResult run(MockAws aws, AtomicReference<ServerlessContainers> component) {
        try {
            return PulumiTest.withMocks(aws).withOptions(TestOptions.builder().projectName("app").stackName("dev").build()).runTest(ctx -> {
                var app = new ServerlessContainers("app", TestDeploy.argsFor(project).build());
                component.set(app);
                var database = new SecurityGroup("database", SecurityGroupArgs.builder().vpcId(app.vpcId()).build());
                new SecurityGroupIngressRule("database-from-tasks", SecurityGroupIngressRuleArgs.builder()
                        .securityGroupId(database.id())
                        .referencedSecurityGroupId(app.tasksSecurityGroupId())
                        .ipProtocol("tcp").fromPort(5432).toPort(5432)
                        .build());
            });
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** The id MockAws gives a security group of that logical name. */
    private static String id(String name) {
        return "sec-" + Math.abs(name.hashCode());
    }

    private static <T> T value(com.pulumi.core.Output<T> output) {
        return PulumiTest.extractValue(output);
    }

}
