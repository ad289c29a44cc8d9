package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component's inputs besides the configuration file: inline config, stage, trust, tags, zones, options. */
class InputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    /** The shop project with one edit to its configuration, deployed on stage dev. */
    Deployed deployShopWith(String from, String to) throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
        return TestDeploy.run("dev", TestDeploy.argsFor(project).build());
    }

    @Test
    void anInlineConfigDeploysExactlyWhatTheSameFileDoes() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed fromFile = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        @SuppressWarnings("unchecked")
        Map<String, Object> inline = new YAMLMapper().readValue(project.resolve("serverless.containers.yml").toFile(), Map.class);
        Deployed fromMap = TestDeploy.run("dev", ServerlessContainersArgs.builder().config(inline)
                .workingDirectory(project).environment(Map.of()).build());

        assertThat(fromMap.result().errors()).isEmpty();
        assertThat(ChangeDetectionTest.changed(ChangeDetectionTest.declared(fromFile), ChangeDetectionTest.declared(fromMap))).isEmpty();
    }

    @Test
    void problemsInAnInlineConfigAreNamedConfig() {
        Deployed d = TestDeploy.run("dev", ServerlessContainersArgs.builder().config(Map.of("name", "x", "containers", Map.of()))
                .workingDirectory(project).environment(Map.of()).build());
        assertThat(d.result().errors()).singleElement().asString().startsWith("2 problems in the configuration:\nconfig:");
    }

    @Test
    void theStageIsTheStackUnlessGivenAndNamesEveryResource() {
        TestDeploy.copyProject("shop", project);
        Deployed staging = TestDeploy.run("staging", TestDeploy.argsFor(project).build());
        assertThat(staging.aws().resources).filteredOn(r -> !r.type().equals(ServerlessContainers.TYPE))
                .allSatisfy(r -> assertThat(r.name()).startsWith("shop-staging-"));
        Deployed explicit = TestDeploy.run("my-stack", TestDeploy.args(project, a -> a.stage("qa")));
        assertThat(explicit.aws().named("aws:lambda/function:Function", "shop-qa-api-fn").inputs())
                .extracting(i -> ((Map<?, ?>) ((Map<?, ?>) i.get("environment")).get("variables")).get("SERVERLESS_STAGE")).isEqualTo("qa");
    }

    @Test
    void developersMayAssumeTheRolesOnOtherStagesOnly() throws Exception {
        TestDeploy.copyProject("shop", project);
        String dev = "arn:aws:iam::123456789012:role/developer";
        Deployed d = TestDeploy.run("dev", TestDeploy.args(project, a -> a.devTrustPrincipalArns(List.of(dev))));
        for (String role : List.of("shop-dev-api-lambda-role", "shop-dev-web-fargate-role")) {
            JsonNode trust = JSON.readTree(d.aws().named("aws:iam/role:Role", role).string("assumeRolePolicy"));
            assertThat(trust.at("/Statement/1/Principal/AWS/0").asText()).isEqualTo(dev);
            assertThat(trust.at("/Statement/1/Action").asText()).isEqualTo("sts:AssumeRole");
        }
        JsonNode execution = JSON.readTree(d.aws().named("aws:iam/role:Role", "shop-dev-exec-role").string("assumeRolePolicy"));
        assertThat(execution.get("Statement")).as("the execution role is not for developers").hasSize(1);

        Deployed custom = TestDeploy.run("live", TestDeploy.args(project, a -> a.devTrustPrincipalArns(List.of(dev)).productionStages(List.of("live"))));
        assertThat(custom.result().errors()).singleElement().asString().contains("stage live is a production stage (productionStages: live)");
        Deployed notListed = TestDeploy.run("prod", TestDeploy.args(project, a -> a.devTrustPrincipalArns(List.of(dev)).productionStages(List.of("live"))));
        assertThat(notListed.result().errors()).as("the list replaces the defaults").isEmpty();
        Deployed mixedCase = TestDeploy.run("Prod", TestDeploy.args(project, a -> a.devTrustPrincipalArns(List.of(dev))));
        assertThat(mixedCase.result().errors()).as("compared as scf-dev compares: ignoring case").singleElement().asString()
                .contains("stage Prod is a production stage (productionStages: prod, production)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void tagsGoOnEveryTaggableResource() {
        TestDeploy.copyProject("shop", project);
        Deployed d = TestDeploy.run("dev", TestDeploy.args(project, a -> a.tags(Map.of("team", "checkout"))));
        List<Registered> tagged = d.aws().resources.stream().filter(r -> r.inputs().containsKey("tags")).toList();
        assertThat(tagged).hasSizeGreaterThan(25).allSatisfy(r -> assertThat((Map<Object, Object>) r.inputs().get("tags"))
                .containsEntry("team", "checkout").containsEntry("serverless-containers:stage", "dev"));
    }

    @Test
    void theDeploysAddressIsTheCustomDomainWhenEveryContainerHasOne() throws Exception {
        Deployed d = deployShopWith("      pathPattern: /api/*\n",
                "      domain: api.shop.example.com\n      pathPattern: /api/*\n");
        assertThat(d.outputs()).containsEntry("url", "https://api.shop.example.com");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> containers = (Map<String, Map<String, String>>) d.outputs().get("containers");
        assertThat(containers.get("api")).containsEntry("url", "https://api.shop.example.com/api/");
        assertThat(d.aws().ofType("aws:cloudfront/distribution:Distribution").get(0).inputs())
                .containsEntry("aliases", List.of("api.shop.example.com", "www.shop.example.com"));
        assertThat(d.aws().named("aws:acm/certificate:Certificate", "shop-dev-cert").inputs())
                .containsEntry("domainName", "api.shop.example.com").containsEntry("subjectAlternativeNames", List.of("www.shop.example.com"));
    }

    @Test
    void recordsGoInTheLongestMatchingHostedZone() {
        assertThat(CustomDomains.zoneName("admin.hello.example.com", List.of())).isEqualTo("example.com");
        assertThat(CustomDomains.zoneName("*.example.com", List.of())).isEqualTo("example.com");
        assertThat(CustomDomains.zoneName("example.com", List.of())).isEqualTo("example.com");
        assertThat(CustomDomains.zoneName("www.shop.example.co.uk", List.of("example.co.uk", "shop.example.co.uk.")))
                .isEqualTo("shop.example.co.uk");

        TestDeploy.copyProject("shop", project);
        Deployed d = TestDeploy.run("dev", TestDeploy.args(project, a -> a.hostedZones(List.of("shop.example.com"))));
        assertThat(d.aws().calls).filteredOn(c -> c.token().equals("aws:route53/getZone:getZone"))
                .singleElement().satisfies(c -> assertThat(c.args()).containsEntry("name", "shop.example.com").containsEntry("privateZone", false));
    }

    @Test
    void anExistingVpcIsUsedAsItIs() throws Exception {
        Deployed d = deployShopWith("name: shop\n", """
                name: shop
                deployment:
                  type: aws@1.0
                  awsVpc:
                    id: vpc-0a1b2c3d
                    publicSubnets: [subnet-0aaa1111, subnet-0bbb2222]
                    privateSubnets: [subnet-0ccc3333, subnet-0ddd4444]
                    s2sSecurityGroupId: sg-05e5e1234
                    loadBalancerSecurityGroupId: sg-0a1b1234
                """);
        assertThat(d.result().errors()).isEmpty();
        assertThat(d.aws().ofType("aws:ec2/vpc:Vpc")).isEmpty();
        assertThat(d.aws().ofType("aws:ec2/securityGroup:SecurityGroup")).isEmpty();
        assertThat(d.aws().named("aws:lb/loadBalancer:LoadBalancer", "shop-dev-alb").inputs())
                // internal, in the private subnets, behind a VPC origin
                .containsEntry("internal", true)
                .containsEntry("subnets", List.of("subnet-0ccc3333", "subnet-0ddd4444")).containsEntry("securityGroups", List.of("sg-0a1b1234"));
        assertThat(d.aws().ofType("aws:cloudfront/vpcOrigin:VpcOrigin")).hasSize(1);
        assertThat(d.outputs()).containsEntry("vpcId", "vpc-0a1b2c3d");
    }

    @Test
    void buildOptionsTheDeployCannotPassAreReported() throws Exception {
        Deployed d = deployShopWith("      args:\n        RELEASE: \"1\"\n",
                "      args:\n        RELEASE: \"1\"\n      options:\n        - --platform=linux/arm64\n        - --no-cache\n");
        assertThat(d.component().orElseThrow().warnings()).anySatisfy(w -> assertThat(w).isEqualTo(
                "serverless.containers.yml containers.web.build.options: --no-cache is not passed to the deploy's image build"
                        + " (it takes the context, Dockerfile, --target, --platform and --build-arg); ignored"));
        assertThat(d.aws().named("docker:index/image:Image", "shop-dev-web-image").inputs())
                .extracting(i -> ((Map<?, ?>) i.get("build")).get("platform")).isEqualTo("linux/arm64");
        assertThat(d.aws().named("aws:ecs/taskDefinition:TaskDefinition", "shop-dev-web-task").inputs())
                .extracting(i -> ((Map<?, ?>) i.get("runtimePlatform")).get("cpuArchitecture")).isEqualTo("ARM64");
    }

    @Test
    void stepScalingGetsAPolicyAndTheAlarmThatDrivesIt() throws Exception {
        Files.createDirectories(project.resolve("worker"));
        Files.writeString(project.resolve("worker/Dockerfile"), "FROM worker-base\n");
        Files.writeString(project.resolve("serverless.containers.yml"), """
                name: queue-app
                containers:
                  worker:
                    src: ./worker
                    routing:
                      pathPattern: /jobs/*
                      pathHealthCheck: /jobs/health
                    compute:
                      type: awsFargateEcs
                      awsFargateEcs:
                        cpu: 2048
                        scale:
                          - type: step
                            adjustmentType: ChangeInCapacity
                            stepAdjustments:
                              - metricIntervalLowerBound: 0
                                metricIntervalUpperBound: 20
                                scalingAdjustment: 1
                              - metricIntervalLowerBound: 20
                                scalingAdjustment: 3
                            metricName: QueueDepth
                            namespace: MyApplication
                            dimensions:
                              - name: QueueName
                                value: MainQueue
                            threshold: 100
                            comparisonOperator: GreaterThanThreshold
                          - type: min
                            min: 2
                          - type: max
                            max: 20
                """);
        Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        assertThat(d.result().errors()).isEmpty();
        assertThat(d.aws().named("aws:appautoscaling/target:Target", "queue-app-dev-worker-scaling").inputs())
                .containsEntry("minCapacity", 2.0).containsEntry("maxCapacity", 20.0);
        assertThat(d.aws().named("aws:ecs/service:Service", "queue-app-dev-worker-service").inputs()).containsEntry("desiredCount", 2.0);
        Registered policy = d.aws().named("aws:appautoscaling/policy:Policy", "queue-app-dev-worker-step1-policy");
        assertThat(policy.inputs()).containsEntry("policyType", "StepScaling");
        Map<?, ?> config = (Map<?, ?>) policy.inputs().get("stepScalingPolicyConfiguration");
        assertThat(config.get("adjustmentType")).isEqualTo("ChangeInCapacity");
        assertThat((List<?>) config.get("stepAdjustments")).hasSize(2);
        assertThat(d.aws().named("aws:cloudwatch/metricAlarm:MetricAlarm", "queue-app-dev-worker-step1-alarm").inputs())
                .containsEntry("metricName", "QueueDepth").containsEntry("namespace", "MyApplication")
                .containsEntry("threshold", 100.0).containsEntry("comparisonOperator", "GreaterThanThreshold")
                .containsEntry("dimensions", Map.of("QueueName", "MainQueue"))
                .containsEntry("alarmActions", List.of("arn:aws:appautoscaling:eu-west-1:123456789012:queue-app-dev-worker-step1-policy"));
    }

    @Test
    void aLambdaInTheVpcAndAWafOnTheLoadBalancer() throws Exception {
        String acl = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0a1b2c3d";
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config)
                .replace("name: shop\n", "name: shop\ndeployment:\n  awsAlb:\n    wafAclArn: " + acl + "\n")
                .replace("        timeout: 10\n", "        timeout: 10\n        vpc: true\n"));
        Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        assertThat(d.result().errors()).isEmpty();

        Map<?, ?> vpc = (Map<?, ?>) d.aws().named("aws:lambda/function:Function", "shop-dev-api-fn").inputs().get("vpcConfig");
        assertThat((List<?>) vpc.get("subnetIds")).hasSize(2);
        assertThat(vpc.get("securityGroupIds")).isEqualTo(List.of(d.aws().named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "shop-dev-s2s-from-s2s-sgr").string("securityGroupId")));
        assertThat(d.aws().named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "shop-dev-api-vpc-attach").string("policyArn"))
                .isEqualTo("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
        assertThat(d.aws().ofType("aws:wafv2/webAclAssociation:WebAclAssociation")).singleElement()
                .satisfies(w -> assertThat(w.inputs()).containsEntry("webAclArn", acl)
                        .containsEntry("resourceArn", "arn:aws:lb:eu-west-1:123456789012:shop-dev-alb"));
    }

    @Test
    void baseImagesComeFromTheEnvironmentOrTheInputAndChangeTheTag() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed defaults = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        Deployed mirrored = TestDeploy.run("dev", TestDeploy.args(project, a -> a.environment(Map.of(
                dev.serverlesscontainers.model.image.BaseImages.NODE_VARIABLE, "mirror.example.com/node:20-slim"))));
        Path dockerfile = project.resolve(".serverless-containers/dev/api/Dockerfile");
        assertThat(dockerfile).content().contains("FROM mirror.example.com/node:20-slim");
        assertThat(ChangeDetectionTest.tag(mirrored, "api")).isNotEqualTo(ChangeDetectionTest.tag(defaults, "api"));
        assertThat(ChangeDetectionTest.tag(mirrored, "web")).as("the site has its own Dockerfile").isEqualTo(ChangeDetectionTest.tag(defaults, "web"));

        var images = new dev.serverlesscontainers.model.image.BaseImages("n", "p", "j", "jb", "adapter.example.com/lambda-adapter:1");
        TestDeploy.run("dev", TestDeploy.args(project, a -> a.baseImages(images)));
        assertThat(dockerfile).content().contains("FROM n AS scf-app\n").contains("COPY --from=adapter.example.com/lambda-adapter:1 /lambda-adapter");
    }

    @Test
    void theModelsWarningsAreReported() throws Exception {
        Deployed d = deployShopWith("      pathHealthCheck: /api/health\n", "");
        assertThat(d.component().orElseThrow().warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("serverless.containers.yml:").contains("containers.api.routing"));
    }
}
