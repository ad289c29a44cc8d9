package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import dev.serverlesscontainers.model.naming.Description;
import dev.serverlesscontainers.model.routing.AlbRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AWS refuses or quietly gets wrong although the mocks accept it: every value the deploy writes
 * is held against AWS's own rule for it, on what the component really declared.
 */
@Timeout(120)
class AwsRulesTest {
    /** Every input that holds free text, by resource type, and the rule AWS applies to it. */
    static final Map<String, Description> DESCRIPTIONS = Map.ofEntries(
            Map.entry("aws:ec2/securityGroup:SecurityGroup", Description.EC2),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", Description.EC2),
            Map.entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", Description.EC2),
            Map.entry("aws:iam/role:Role", Description.IAM),
            Map.entry("aws:lambda/function:Function", Description.LAMBDA_FUNCTION),
            Map.entry("aws:ssm/parameter:Parameter", Description.SSM_PARAMETER),
            Map.entry("aws:cloudfront/distribution:Distribution", Description.CLOUDFRONT_COMMENT),
            Map.entry("aws:cloudfront/function:Function", Description.CLOUDFRONT_COMMENT),
            Map.entry("aws:cloudfront/originAccessControl:OriginAccessControl", Description.ORIGIN_ACCESS_CONTROL),
            Map.entry("aws:cloudfront/keyValueStore:KeyValueStore", Description.CLOUDFRONT_COMMENT),
            Map.entry("aws:lambda/alias:Alias", Description.LAMBDA_FUNCTION));

    @TempDir
    Path work;
    private int deploys;

    private Deployed deploy(UnaryOperator<String> edit) throws IOException {
        return deploy(edit, new MockAws());
    }

    private Deployed deploy(UnaryOperator<String> edit, MockAws aws) throws IOException {
        Path project = TestDeploy.copyProject("shop", work.resolve("shop-" + ++deploys));
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, edit.apply(Files.readString(config)));
        return TestDeploy.run("dev", TestDeploy.argsFor(project).build(), false, aws);
    }

    private static Deployed succeeded(Deployed d) {
        assertThat(d.result().errors()).isEmpty();
        assertThat(d.result().exceptions()).isEmpty();
        return d;
    }

    @Test
    void everyDescriptionAndCommentTheDeployWritesIsOneAwsAccepts() throws IOException {
        Deployed d = succeeded(deploy(yaml -> yaml.replace("timeout: 10", "timeout: 10\n        vpc: true")));
        List<String> checked = new ArrayList<>();
        for (Registered r : d.aws().resources) {
            for (String key : List.of("description", "comment")) {
                if (r.inputs().get(key) instanceof String text) {
                    assertThat(DESCRIPTIONS).as("a new kind of description: add %s's %s to DESCRIPTIONS with AWS's rule", r.type(), key)
                            .containsKey(r.type());
                    assertThat(DESCRIPTIONS.get(r.type()).problem(text)).as(r.type() + " " + r.name() + " " + key).isEmpty();
                    checked.add(r.type());
                }
            }
        }
        assertThat(checked).contains("aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws:iam/role:Role", "aws:cloudfront/function:Function");
    }

    @SuppressWarnings("unchecked")
    private static List<String> conditionValues(Registered rule) {
        List<String> values = new ArrayList<>();
        for (Object c : (List<Object>) rule.inputs().get("conditions")) {
            for (Object condition : ((Map<String, Object>) c).values()) {
                values.addAll((List<String>) ((Map<String, Object>) condition).get("values"));
            }
        }
        return values;
    }

    @Test
    void aListenerRuleHoldsAtMostFiveWildcardsCountedOverEveryConditionItReallyHas() throws IOException {
        Deployed five = succeeded(deploy(yaml -> yaml.replace("domain: www.shop.example.com", "domain: \"*.shop.example.com\"")
                .replace("pathPattern: /*", "pathPattern: /a*/b*/c?/d*")));
        Registered rule = five.aws().named("aws:lb/listenerRule:ListenerRule", "shop-dev-web-rule");
        assertThat(conditionValues(rule)).contains("/a*/b*/c?/d*", "*.shop.example.com", "web");
        assertThat(AlbRules.wildcards(conditionValues(rule))).isEqualTo(AlbRules.MAX_WILDCARDS_PER_RULE);

        Deployed six = deploy(yaml -> yaml.replace("domain: www.shop.example.com", "domain: \"*.shop.example.com\"")
                .replace("pathPattern: /*", "pathPattern: /a*/b*/c?/d*/e*"));
        assertThat(six.result().errors()).singleElement().asString().isEqualTo("serverless.containers.yml:27:20"
                + " containers.web.routing.pathPattern: a load balancer rule holds at most 5 wildcards (* and ?), and the rule of path"
                + " pattern /a*/b*/c?/d*/e* and domain *.shop.example.com would hold 6");
        assertThat(six.aws().resources).extracting(Registered::type).containsOnly(ServerlessContainers.TYPE);
    }

    @Test
    void theCertificatesCommonNameIsAtMost64CharactersAndTheOtherDomainsAreAlternativeNames() throws IOException {
        String longDomain = "a-rather-long-host-name-for-the-api.of-a-long-company-name.example.com";
        Deployed d = succeeded(deploy(yaml -> yaml.replace("      pathPattern: /api/*", "      domain: " + longDomain
                + "\n      pathPattern: /api/*")));
        Registered cert = d.aws().ofType("aws:acm/certificate:Certificate").get(0);
        assertThat(cert.string("domainName")).isEqualTo("www.shop.example.com");
        assertThat(cert.inputs().get("subjectAlternativeNames")).isEqualTo(List.of(longDomain));
    }

    @Test
    void functionsInTheVpcMayReachTheVpcThroughTheirSecurityGroup() throws IOException {
        Deployed d = succeeded(deploy(yaml -> yaml.replace("timeout: 10", "timeout: 10\n        vpc: true")));
        Registered function = d.aws().named("aws:lambda/function:Function", "shop-dev-api-fn");
        @SuppressWarnings("unchecked")
        List<String> groups = (List<String>) ((Map<String, Object>) function.inputs().get("vpcConfig")).get("securityGroupIds");
        List<Registered> egress = d.aws().ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").stream()
                .filter(r -> groups.contains(r.string("securityGroupId"))).toList();
        assertThat(egress).singleElement().satisfies(r -> assertThat(r.inputs()).containsEntry("cidrIpv4", Network.VPC_CIDR)
                .containsEntry("ipProtocol", "-1"));
    }

    @Test
    void subnetsGoToStandardZonesWhereFargateRunsChosenByZoneIdAndKeepTheirZone() throws IOException {
        Deployed d = succeeded(deploy(UnaryOperator.identity()));
        // a private and a public subnet in each of the two zones
        assertThat(d.aws().ofType("aws:ec2/subnet:Subnet")).extracting(s -> s.string("availabilityZoneId"))
                .containsExactly("euw1-az2", "euw1-az3", "euw1-az2", "euw1-az3");
        assertThat(d.aws().calls).filteredOn(c -> c.token().equals("aws:index/getAvailabilityZones:getAvailabilityZones"))
                .singleElement().satisfies(c -> assertThat(c.args()).containsEntry("excludeZoneIds", AvailabilityZones.WITHOUT_FARGATE));
        assertThat(d.placement("shop-dev-public-a-subnet").ignoreChanges()).contains("availabilityZone", "availabilityZoneId");
    }

    @Test
    void namesThatAreUniqueInTheAccountCarryTheRegion() throws IOException {
        Deployed d = succeeded(deploy(UnaryOperator.identity()));
        assertThat(d.aws().ofType("aws:cloudfront/function:Function")).singleElement()
                .satisfies(f -> assertThat(f.string("name")).isEqualTo("shop-dev-euw1-router"));
        assertThat(d.aws().ofType("aws:cloudfront/originAccessControl:OriginAccessControl")).singleElement()
                .satisfies(o -> assertThat(o.string("name")).isEqualTo("shop-dev-euw1-oac"));
        assertThat(d.aws().ofType("aws:iam/role:Role")).extracting(r -> r.string("name"))
                .containsExactlyInAnyOrder("shop-dev-euw1-api-lambda-role", "shop-dev-euw1-web-fargate-role", "shop-dev-euw1-exec-role",
                        "shop-dev-euw1-version_pruner-role", "shop-dev-euw1-rollout_watcher-role");
    }

    @Test
    void anAccountThatForbidsCreatingRolesGetsNoneWhenEveryRoleIsGivenAndTheHelpersAreOff() throws IOException {
        // the api container's customPolicy would get it a role of its own
        Deployed d = succeeded(deploy(yaml -> (yaml.substring(0, yaml.indexOf("      awsIam:\n")) + yaml.substring(yaml.indexOf("  web:\n")))
                .replace("name: shop\n", "name: shop\ndeployment:\n"
                        + "  awsIam:\n    roleArn: arn:aws:iam::" + MockAws.ACCOUNT + ":role/app\n"
                        + "  awsLambda:\n    versionsToKeep: 0\n"
                        + "  awsFargateEcs:\n    executionRoleArn: arn:aws:iam::" + MockAws.ACCOUNT + ":role/exec\n"
                        + "    rolloutWatcher: false\n")));
        assertThat(d.aws().ofType("aws:iam/role:Role")).isEmpty();
        assertThat(d.aws().ofType("aws:iam/rolePolicy:RolePolicy")).isEmpty();
        assertThat(d.aws().named("aws:lambda/function:Function", "shop-dev-api-fn").string("role")).endsWith(":role/app");
    }

    @Test
    void namesAwsForbidsAreNeverWritten() throws IOException {
        Deployed internal = succeeded(deploy(yaml -> yaml.replace("name: shop", "name: internal")));
        assertThat(internal.aws().ofType("aws:lb/loadBalancer:LoadBalancer")).singleElement()
                .satisfies(lb -> assertThat(lb.string("name")).startsWith("scf-internal-dev-alb-"));
        Deployed sg = succeeded(deploy(yaml -> yaml.replace("name: shop", "name: sg-shop")));
        assertThat(sg.aws().ofType("aws:ec2/securityGroup:SecurityGroup")).extracting(g -> g.string("name"))
                .allSatisfy(name -> assertThat(name).startsWith("scf-sg-shop-dev-"));
    }

    @Test
    void aLambdaTimeoutBeyondCloudFrontsIsAWarningOfTheDeploy() throws IOException {
        Deployed d = succeeded(deploy(yaml -> yaml.replace("timeout: 10", "timeout: 120")));
        assertThat(d.component().orElseThrow().warnings()).contains("serverless.containers.yml:15:18"
                + " containers.api.compute.awsLambda.timeout: CloudFront waits at most 60 s for a response, so a request that runs"
                + " longer gets 504 from CloudFront while the function goes on for up to 120 s");
    }
}
