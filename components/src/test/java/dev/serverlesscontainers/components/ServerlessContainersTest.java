package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import dev.serverlesscontainers.model.image.DockerfileGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-container project (a Lambda API, and a Fargate site on a custom domain) expanded under the
 * mock engine: every resource of the architecture, its key inputs, and the outputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerlessContainersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path project;
    static Deployed deployed;
    static MockAws aws;

    @BeforeAll
    static void deploy() {
        TestDeploy.copyProject("shop", project);
        deployed = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        assertThat(deployed.result().exceptions()).isEmpty();
        assertThat(deployed.result().errors()).isEmpty();
        aws = deployed.aws();
    }

    static Registered one(String type) {
        List<Registered> all = aws.ofType(type);
        assertThat(all).as(type).hasSize(1);
        return all.get(0);
    }

    @SuppressWarnings("unchecked")
    static Object at(Object root, Object... path) {
        Object v = root;
        for (Object p : path) {
            v = p instanceof Integer i ? ((List<Object>) v).get(i) : ((Map<String, Object>) v).get(p);
        }
        return v;
    }

    static JsonNode json(Object text) throws Exception {
        return JSON.readTree(text.toString());
    }

    @Test
    void everyChildIsParentedToTheComponentAndNamedByTheModel() {
        deployed.placements().forEach((name, p) -> {
            if (!p.type().equals("pulumi:pulumi:Stack") && !p.type().equals(ServerlessContainers.TYPE)) {
                assertThat(p.parent()).as(name).contains("app");
                assertThat(name).as("names start with <name>-<stage>").startsWith("shop-dev-");
            }
        });
        assertThat(deployed.placement("app").type()).isEqualTo("serverless-containers:index:ServerlessContainers");
        assertThat(aws.resources).hasSizeGreaterThan(40);
    }

    @Nested
    class Network {
        @Test
        void aVpcWithTwoPublicAndTwoPrivateSubnetsInTwoZones() {
            assertThat(one("aws:ec2/vpc:Vpc").inputs()).containsEntry("cidrBlock", "10.0.0.0/16").containsEntry("enableDnsHostnames", true);
            List<Registered> subnets = aws.ofType("aws:ec2/subnet:Subnet");
            assertThat(subnets).extracting(s -> s.string("availabilityZoneId")).containsExactly("euw1-az2", "euw1-az3", "euw1-az2", "euw1-az3");
            assertThat(subnets).extracting(s -> s.string("cidrBlock")).containsExactly("10.0.32.0/20", "10.0.48.0/20", "10.0.0.0/20", "10.0.16.0/20");
            Registered routes = aws.named("aws:ec2/routeTable:RouteTable", "shop-dev-public-rt");
            assertThat(at(routes.inputs(), "routes", 0)).isEqualTo(Map.of("cidrBlock", "0.0.0.0/0", "gatewayId", "shop-dev-igw-id"));
            assertThat(aws.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation")).hasSize(4)
                    .filteredOn(a -> a.name().contains("public"))
                    .allSatisfy(a -> assertThat(a.string("routeTableId")).isEqualTo("shop-dev-public-rt-id"));
            one("aws:ec2/internetGateway:InternetGateway");
        }

        @Test
        void theLoadBalancerTakesHttpFromCloudFrontOnlyAndTasksOnlyFromIt() {
            List<Registered> ingress = aws.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            Registered fromCloudFront = aws.named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "shop-dev-alb-from-cloudfront-sgr");
            assertThat(fromCloudFront.inputs()).containsEntry("prefixListId", MockAws.PREFIX_LIST)
                    .containsEntry("fromPort", 80.0).containsEntry("toPort", 80.0).doesNotContainKey("cidrIpv4");
            assertThat(aws.calls).anySatisfy(c -> assertThat(c.args()).containsEntry("name", "com.amazonaws.global.cloudfront.origin-facing"));
            String albGroup = fromCloudFront.string("securityGroupId");
            Registered tasksFromAlb = aws.named("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "shop-dev-tasks-from-alb-sgr");
            assertThat(tasksFromAlb.inputs()).containsEntry("referencedSecurityGroupId", albGroup).containsEntry("fromPort", 8080.0);
            // nothing is open to the internet
            assertThat(ingress).allSatisfy(r -> assertThat(r.inputs()).doesNotContainKey("cidrIpv4"));
            assertThat(aws.ofType("aws:ec2/securityGroup:SecurityGroup")).extracting(Registered::name)
                    .containsExactlyInAnyOrder("shop-dev-alb-sg", "shop-dev-tasks-sg", "shop-dev-s2s-sg");
        }
    }

    @Nested
    class LoadBalancer {
        @Test
        void theListenerAnswers404LikeTheDevEmulator() {
            assertThat(one("aws:lb/loadBalancer:LoadBalancer").inputs()).containsEntry("internal", true)
                    .containsEntry("loadBalancerType", "application");
            Registered listener = one("aws:lb/listener:Listener");
            assertThat(listener.inputs()).containsEntry("port", 80.0).containsEntry("protocol", "HTTP");
            assertThat(at(listener.inputs(), "defaultActions", 0, "fixedResponse"))
                    .isEqualTo(Map.of("statusCode", "404", "contentType", "text/plain", "messageBody", "Not Found"));
        }

        @Test
        void oneIpTargetGroupPerFargateContainerWithItsHealthCheck() {
            Registered tg = one("aws:lb/targetGroup:TargetGroup");
            assertThat(tg.string("name")).matches("shop-dev-web-tg-[0-9a-f]{7}");
            assertThat(tg.inputs()).containsEntry("targetType", "ip")
                    .containsEntry("port", 8080.0).containsEntry("protocol", "HTTP");
            assertThat(at(tg.inputs(), "healthCheck", "path")).isEqualTo("/health");
        }

        @Test
        void listenerRulesCarryPathHostTheChosenContainerAndTheSecretCloudFrontSends() {
            Registered rule = one("aws:lb/listenerRule:ListenerRule");
            assertThat(((Number) rule.inputs().get("priority")).intValue()).isEqualTo(dev.serverlesscontainers.model.routing.ListenerRules.priorities(
                    dev.serverlesscontainers.model.routing.RoutingTable.of(List.of(new dev.serverlesscontainers.model.routing.RouteDefinition(
                            "web", java.util.Optional.empty(), "/*", dev.serverlesscontainers.model.config.ComputeType.AWS_FARGATE_ECS))),
                    java.util.Set.of("web")).get("web"));
            assertThat(at(rule.inputs(), "conditions", 0, "pathPattern", "values")).isEqualTo(List.of("/*"));
            assertThat(at(rule.inputs(), "conditions", 1, "httpHeader"))
                    .isEqualTo(Map.of("httpHeaderName", "x-forwarded-host", "values", List.of("www.shop.example.com")));
            assertThat(at(rule.inputs(), "conditions", 2, "httpHeader"))
                    .isEqualTo(Map.of("httpHeaderName", "x-scf-container", "values", List.of("web")));
            assertThat(at(rule.inputs(), "conditions", 3, "httpHeader"))
                    .isEqualTo(Map.of("httpHeaderName", "x-scf-origin-verify", "values", List.of(MockAws.ORIGIN_SECRET)));
            assertThat(at(rule.inputs(), "actions", 0, "targetGroupArn")).asString().endsWith("shop-dev-web-tg");
            Registered secret = one("aws:ssm/parameter:Parameter");
            assertThat(secret.inputs()).containsEntry("type", "SecureString").containsEntry("name", "/shop-dev-origin-secret");
            assertThat(secret.string("value")).matches("[0-9a-f]{64}");
        }
    }

    @Nested
    class Fargate {
        @Test
        void theTaskDefinitionRunsTheImageOnPort8080WithTheDevModeEnvironmentAndLogs() throws Exception {
            Registered task = one("aws:ecs/taskDefinition:TaskDefinition");
            assertThat(task.inputs()).containsEntry("cpu", "512").containsEntry("memory", "1024")
                    .containsEntry("networkMode", "awsvpc").containsEntry("requiresCompatibilities", List.of("FARGATE"))
                    .containsEntry("taskRoleArn", "arn:aws:iam::123456789012:role/shop-dev-euw1-web-fargate-role")
                    .containsEntry("executionRoleArn", "arn:aws:iam::123456789012:role/shop-dev-euw1-exec-role");
            JsonNode def = json(task.string("containerDefinitions")).get(0);
            assertThat(def.get("image").asText()).isEqualTo(aws.named("docker:index/image:Image", "shop-dev-web-image").string("imageName"));
            assertThat(def.at("/portMappings/0/containerPort").asInt()).isEqualTo(8080);
            Map<String, String> env = new java.util.LinkedHashMap<>();
            def.get("environment").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
            assertThat(env).containsEntry("PORT", "8080").containsEntry("SITE_TITLE", "Shop")
                    .containsEntry("SERVERLESS_NAMESPACE", "shop").containsEntry("SERVERLESS_STAGE", "dev")
                    .containsEntry("SERVERLESS_CONTAINER_NAME", "web").containsEntry("SERVERLESS_COMPUTE_TYPE", "awsFargateEcs")
                    .containsEntry("SERVERLESS_ROUTING_PATH_PATTERN", "/*").doesNotContainKey("SERVERLESS_LOCAL");
            assertThat(def.at("/logConfiguration/logDriver").asText()).isEqualTo("awslogs");
            assertThat(def.at("/logConfiguration/options/awslogs-group").asText()).isEqualTo("/ecs/shop-dev-web-fargate-logs");
            assertThat(def.at("/logConfiguration/options/awslogs-region").asText()).isEqualTo(MockAws.REGION);
            assertThat(aws.named("aws:cloudwatch/logGroup:LogGroup", "shop-dev-web-fargate-logs").inputs())
                    .containsEntry("retentionInDays", (double) DeployDefaults.LOG_RETENTION_DAYS);
        }

        @Test
        void theServiceRollsOutSafelyBehindTheLoadBalancer() {
            Registered service = one("aws:ecs/service:Service");
            assertThat(service.inputs()).containsEntry("launchType", "FARGATE")
                    .containsEntry("deploymentMinimumHealthyPercent", 100.0).containsEntry("deploymentMaximumPercent", 200.0)
                    .containsEntry("desiredCount", 1.0);
            assertThat(at(service.inputs(), "deploymentCircuitBreaker")).isEqualTo(Map.of("enable", true, "rollback", true));
            assertThat(at(service.inputs(), "loadBalancers", 0)).isEqualTo(Map.of("containerName", "web", "containerPort", 8080.0,
                    "targetGroupArn", "arn:aws:lb:eu-west-1:123456789012:shop-dev-web-tg"));
            assertThat(at(service.inputs(), "networkConfiguration", "assignPublicIp")).isEqualTo(true);
            assertThat(deployed.placement("shop-dev-web-service").dependsOn()).containsExactly("shop-dev-web-rule", "shop-dev-capacity");
        }

        @Test
        void autoscalingFollowsScale() {
            assertThat(one("aws:appautoscaling/target:Target").inputs()).containsEntry("minCapacity", 1.0).containsEntry("maxCapacity", 4.0)
                    .containsEntry("resourceId", "service/shop-dev-cluster/" + one("aws:ecs/service:Service").string("name"))
                    .containsEntry("scalableDimension", "ecs:service:DesiredCount");
            Registered policy = one("aws:appautoscaling/policy:Policy");
            assertThat(policy.inputs()).containsEntry("policyType", "TargetTrackingScaling");
            assertThat(at(policy.inputs(), "targetTrackingScalingPolicyConfiguration", "targetValue")).isEqualTo(60.0);
            assertThat(at(policy.inputs(), "targetTrackingScalingPolicyConfiguration", "predefinedMetricSpecification", "predefinedMetricType"))
                    .isEqualTo("ECSServiceAverageCPUUtilization");
        }
    }

    @Nested
    class Lambda {
        @Test
        void theFunctionRunsTheImageWithItsMemoryTimeoutRoleAndEnvironment() {
            Registered fn = aws.named("aws:lambda/function:Function", "shop-dev-api-fn");
            assertThat(fn.inputs()).containsEntry("name", "shop-dev-api-fn").containsEntry("packageType", "Image")
                    .containsEntry("memorySize", 512.0).containsEntry("timeout", 10.0)
                    .containsEntry("role", "arn:aws:iam::123456789012:role/shop-dev-euw1-api-lambda-role")
                    .containsEntry("imageUri", aws.named("docker:index/image:Image", "shop-dev-api-image").string("imageName"));
            assertThat(at(fn.inputs(), "environment", "variables")).isEqualTo(Map.of("GREETING", "hello", "PORT", "8080",
                    "SERVERLESS_NAMESPACE", "shop", "SERVERLESS_STAGE", "dev", "SERVERLESS_CONTAINER_NAME", "api",
                    "SERVERLESS_COMPUTE_TYPE", "awsLambda", "SERVERLESS_ROUTING_PATH_PATTERN", "/api/*"));
            assertThat(at(fn.inputs(), "loggingConfig", "logGroup")).isEqualTo("/aws/lambda/shop-dev-api-fn");
        }

        @Test
        void theUrlNeedsIamAuthAndOnlyCloudFrontMayCallIt() {
            assertThat(one("aws:lambda/functionUrl:FunctionUrl").inputs()).containsEntry("authorizationType", "AWS_IAM");
            List<Registered> permissions = aws.ofType("aws:lambda/permission:Permission");
            assertThat(permissions).extracting(p -> p.string("action"))
                    .containsExactlyInAnyOrder("lambda:InvokeFunctionUrl", "lambda:InvokeFunction");
            assertThat(permissions).allSatisfy(p -> assertThat(p.inputs())
                    .containsEntry("principal", "cloudfront.amazonaws.com")
                    .containsEntry("sourceAccount", MockAws.ACCOUNT)
                    .containsEntry("sourceArn", "arn:aws:cloudfront::123456789012:distribution/*"));
            assertThat(aws.named("aws:lambda/permission:Permission", "shop-dev-api-url-invoke").inputs())
                    .containsEntry("functionUrlAuthType", "AWS_IAM");
            // CloudFront calls the live alias, never $LATEST
            assertThat(one("aws:lambda/functionUrl:FunctionUrl").inputs()).containsEntry("qualifier", "live");
            assertThat(permissions).allSatisfy(p -> assertThat(p.inputs()).containsEntry("qualifier", "live"));
        }
    }

    @Nested
    class Iam {
        @Test
        void eachContainerRunsAsItsOwnRoleWithItsCustomPolicy() throws Exception {
            JsonNode lambdaTrust = json(aws.named("aws:iam/role:Role", "shop-dev-api-lambda-role").string("assumeRolePolicy"));
            assertThat(lambdaTrust.at("/Statement/0/Principal/Service").asText()).isEqualTo("lambda.amazonaws.com");
            assertThat(lambdaTrust.get("Statement")).hasSize(1);
            JsonNode taskTrust = json(aws.named("aws:iam/role:Role", "shop-dev-web-fargate-role").string("assumeRolePolicy"));
            assertThat(taskTrust.at("/Statement/0/Principal/Service").asText()).isEqualTo("ecs-tasks.amazonaws.com");
            Registered custom = aws.named("aws:iam/rolePolicy:RolePolicy", "shop-dev-api-policy");
            assertThat(json(custom.string("policy")).at("/Statement/0/Action/0").asText()).isEqualTo("dynamodb:GetItem");
            assertThat(custom.string("role")).isEqualTo("shop-dev-api-lambda-role-id");
            JsonNode logs = json(aws.named("aws:iam/rolePolicy:RolePolicy", "shop-dev-api-logs-policy").string("policy"));
            assertThat(logs.at("/Statement/0/Resource/0").asText()).endsWith("shop-dev-api-lambda-logs:*");
            assertThat(aws.named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "shop-dev-attach").string("policyArn"))
                    .isEqualTo("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
        }
    }

    @Nested
    class Images {
        @Test
        void oneRepositoryPerContainerKeepingTheLastImages() throws Exception {
            assertThat(aws.ofType("aws:ecr/repository:Repository")).extracting(Registered::name)
                    .containsExactly("shop-dev-api-repo", "shop-dev-web-repo");
            assertThat(aws.ofType("aws:ecr/repository:Repository")).allSatisfy(r -> assertThat(r.inputs()).containsEntry("forceDelete", true));
            JsonNode rule = json(aws.named("aws:ecr/lifecyclePolicy:LifecyclePolicy", "shop-dev-api-lifecycle").string("policy")).at("/rules/0");
            assertThat(rule.at("/selection/countNumber").asInt()).isEqualTo(ContainerImage.IMAGES_KEPT);
            assertThat(rule.at("/action/type").asText()).isEqualTo("expire");
        }

        @Test
        void theSitesOwnDockerfileIsBuiltWithItsArgsAndPushedWithEcrCredentials() {
            Registered web = aws.named("docker:index/image:Image", "shop-dev-web-image");
            assertThat(at(web.inputs(), "build")).isEqualTo(Map.of("context", "web", "dockerfile", "web/Dockerfile",
                    "platform", "linux/amd64", "args", Map.of("RELEASE", "1")));
            assertThat(web.string("imageName")).matches("123456789012\\.dkr\\.ecr\\.eu-west-1\\.amazonaws\\.com/shop-dev-web-repo:[0-9a-f]{16}");
            assertThat(at(web.inputs(), "registry")).isEqualTo(Map.of("server", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                    "username", "AWS", "password", "ecr-password-secret"));
            assertThat(aws.calls).extracting(MockAws.Call::token).contains("aws:ecr/getAuthorizationToken:getAuthorizationToken");
        }

        @Test
        void theApiGetsAGeneratedNodeDockerfileWithTheLambdaWebAdapter() throws Exception {
            Registered api = aws.named("docker:index/image:Image", "shop-dev-api-image");
            assertThat(at(api.inputs(), "build", "target")).isEqualTo(DockerfileGenerator.LAMBDA_STAGE);
            assertThat(at(api.inputs(), "build", "context")).isEqualTo("api");
            String dockerfile = Files.readString(project.resolve(at(api.inputs(), "build", "dockerfile").toString()));
            assertThat(dockerfile).contains("FROM node:20-slim").contains("npm install --omit=dev")
                    .contains("COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1 /lambda-adapter /opt/extensions/lambda-adapter")
                    .contains("AWS_LWA_READINESS_CHECK_PATH=/api/health");
            assertThat(project.resolve(".serverless-containers/.gitignore")).content().contains("*");
        }
    }

    @Nested
    class Edge {
        @Test
        void oneOriginPerContainerTheLoadBalancerWithTheSecretTheFunctionUrlSigned() {
            Registered cdn = one("aws:cloudfront/distribution:Distribution");
            Map<?, ?> web = (Map<?, ?>) at(cdn.inputs(), "origins", 1);
            assertThat(web.get("originId")).isEqualTo("web");
            assertThat(web.get("domainName").toString()).matches("shop-dev-alb-[0-9a-f]{7}-1234567890\\.eu-west-1\\.elb\\.amazonaws\\.com");
            assertThat(at(web, "vpcOriginConfig", "vpcOriginId")).isEqualTo("shop-dev-vpc-origin-id");
            assertThat(at(web, "customHeaders", 0)).isEqualTo(Map.of("name", "x-scf-origin-verify", "value", MockAws.ORIGIN_SECRET));
            Map<?, ?> api = (Map<?, ?>) at(cdn.inputs(), "origins", 0);
            assertThat(api.get("originId")).isEqualTo("api");
            assertThat(api.get("domainName").toString()).endsWith(".lambda-url.eu-west-1.on.aws").doesNotStartWith("https://");
            assertThat(api.get("originAccessControlId")).isEqualTo("shop-dev-oac-id");
            assertThat(one("aws:cloudfront/originAccessControl:OriginAccessControl").inputs())
                    .containsEntry("originAccessControlOriginType", "lambda").containsEntry("signingBehavior", "always")
                    .containsEntry("signingProtocol", "sigv4");
        }

        @Test
        @SuppressWarnings("unchecked")
        void noCachingNoEdgeCompressionEveryMethodHttpsAndTheRoutingFunction() {
            Registered cdn = one("aws:cloudfront/distribution:Distribution");
            Map<?, ?> behavior = (Map<?, ?>) at(cdn.inputs(), "defaultCacheBehavior");
            assertThat(behavior.get("cachePolicyId")).isEqualTo(MockAws.CACHING_DISABLED);
            assertThat(behavior.get("originRequestPolicyId")).isEqualTo(MockAws.ALL_VIEWER_EXCEPT_HOST);
            assertThat(behavior.get("viewerProtocolPolicy")).isEqualTo("redirect-to-https");
            // CloudFront compresses only what it caches, and it caches nothing here
            assertThat(behavior.get("compress")).isEqualTo(false);
            assertThat((List<Object>) behavior.get("allowedMethods")).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");
            assertThat(at(behavior, "functionAssociations", 0)).isEqualTo(Map.of("eventType", "viewer-request",
                    "functionArn", "arn:aws:cloudfront::123456789012:function/shop-dev-euw1-router"));
            assertThat(aws.calls).anySatisfy(c -> assertThat(c.args()).containsEntry("name", "Managed-CachingDisabled"));
            assertThat(aws.calls).anySatisfy(c -> assertThat(c.args()).containsEntry("name", "Managed-AllViewerExceptHostHeader"));
            Registered router = one("aws:cloudfront/function:Function");
            assertThat(router.inputs()).containsEntry("runtime", "cloudfront-js-2.0").containsEntry("publish", true);
            assertThat(router.string("code")).contains("var ROUTES = [[null,\"/api/*\",\"api\",\"api\"],[\"www.shop.example.com\",\"/*\",\"web\",\"web\"]];");
        }

        @Test
        void theCustomDomainGetsAUsEast1CertificateValidatedAndAliasedInItsZone() {
            Registered provider = one("pulumi:providers:aws");
            assertThat(provider.inputs()).containsEntry("region", "us-east-1");
            Registered cert = one("aws:acm/certificate:Certificate");
            assertThat(cert.inputs()).containsEntry("domainName", "www.shop.example.com").containsEntry("validationMethod", "DNS");
            assertThat(cert.provider()).contains("shop-dev-us-east-1-provider");
            assertThat(one("aws:acm/certificateValidation:CertificateValidation").provider()).contains("shop-dev-us-east-1-provider");
            String zone = MockAws.zoneId("example.com");
            assertThat(aws.ofType("aws:route53/record:Record")).hasSize(3).allSatisfy(r -> assertThat(r.string("zoneId")).isEqualTo(zone));
            assertThat(aws.named("aws:route53/record:Record", "shop-dev-validation-www.shop.example.com-dns").inputs())
                    .containsEntry("type", "CNAME").containsEntry("name", "_x1.www.shop.example.com.");
            for (String type : List.of("A", "AAAA")) {
                Registered alias = aws.named("aws:route53/record:Record", "shop-dev-" + type + "-www.shop.example.com-dns");
                assertThat(alias.inputs()).containsEntry("name", "www.shop.example.com").containsEntry("type", type);
                assertThat(at(alias.inputs(), "aliases", 0)).isEqualTo(Map.of("name", "d111111abcdef8.cloudfront.net",
                        "zoneId", "Z2FDTNDATAQYW2", "evaluateTargetHealth", false));
            }
            Registered cdn = one("aws:cloudfront/distribution:Distribution");
            assertThat(cdn.inputs()).containsEntry("aliases", List.of("www.shop.example.com"));
            assertThat(at(cdn.inputs(), "viewerCertificate")).isEqualTo(Map.of("acmCertificateArn", "arn:aws:acm:eu-west-1:123456789012:shop-dev-cert",
                    "sslSupportMethod", "sni-only", "minimumProtocolVersion", "TLSv1.2_2021"));
        }
    }

    @Test
    void outputsNameTheAddressesAndWhatRunsEachContainer() {
        Map<String, Object> out = deployed.outputs();
        // the api takes any host but the site's domain: the distribution's own address reaches both
        assertThat(out).containsEntry("url", "https://d111111abcdef8.cloudfront.net")
                .containsEntry("distributionId", "E2QWRUHEXAMPLE")
                .containsEntry("albDnsName", one("aws:lb/loadBalancer:LoadBalancer").string("name") + "-1234567890.eu-west-1.elb.amazonaws.com")
                .containsEntry("vpcId", aws.named("aws:ec2/subnet:Subnet", "shop-dev-public-a-subnet").string("vpcId"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> containers = (Map<String, Map<String, String>>) out.get("containers");
        assertThat(containers.get("api")).containsEntry("url", "https://d111111abcdef8.cloudfront.net/api/")
                .containsEntry("computeType", "awsLambda")
                .containsEntry("roleArn", "arn:aws:iam::123456789012:role/shop-dev-euw1-api-lambda-role")
                .containsEntry("imageUri", aws.named("docker:index/image:Image", "shop-dev-api-image").string("imageName"))
                .containsKey("functionUrl");
        assertThat(containers.get("api").get("functionUrl")).startsWith("https://").contains(".lambda-url.");
        assertThat(containers.get("web")).containsEntry("url", "https://www.shop.example.com/")
                .containsEntry("computeType", "awsFargateEcs")
                .containsEntry("serviceName", one("aws:ecs/service:Service").string("name"))
                .containsEntry("roleArn", "arn:aws:iam::123456789012:role/shop-dev-euw1-web-fargate-role");
    }
}
