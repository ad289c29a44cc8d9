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
 * Nothing public that need not be: the load balancer is internal, in subnets without a route out of
 * the VPC, and CloudFront reaches it only through a VPC origin, still sending the secret header.
 * (In an existing VPC, see {@code InputsTest.anExistingVpcIsUsedAsItIs}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrivateLoadBalancerTest {
    @TempDir
    Path project;

    private Deployed deploy() {
        return TestDeploy.deployed(project);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> origin(Deployed d, String id) {
        for (Object o : (List<?>) d.aws().ofType("aws:cloudfront/distribution:Distribution").get(0).inputs().get("origins")) {
            if (((Map<?, ?>) o).get("originId").equals(id)) {
                return (Map<String, Object>) o;
            }
        }
        throw new AssertionError("no origin " + id);
    }

    @Test
    void theLoadBalancerIsInternalInPrivateSubnetsAndReachedThroughAVpcOrigin() {
        TestDeploy.copyProject("shop", project);
        Deployed d = deploy();
        Registered alb = d.aws().named("aws:lb/loadBalancer:LoadBalancer", "shop-dev-alb");
        assertThat(alb.inputs()).containsEntry("internal", true);

        // ids as the mock derives them from the subnets' names
        List<String> privateSubnets = List.of("sub-" + Math.abs("shop-dev-private-a-subnet".hashCode()),
                "sub-" + Math.abs("shop-dev-private-b-subnet".hashCode()));
        assertThat(alb.inputs()).containsEntry("subnets", privateSubnets);
        // the private subnets' route table sends nothing out of the VPC
        Registered privateRoutes = d.aws().named("aws:ec2/routeTable:RouteTable", "shop-dev-private-rt");
        assertThat((List<?>) privateRoutes.inputs().getOrDefault("routes", List.of())).isEmpty();
        assertThat(d.aws().ofType("aws:ec2/routeTableAssociation:RouteTableAssociation"))
                .filteredOn(a -> a.name().contains("private")).hasSize(2)
                .allSatisfy(a -> assertThat(a.string("routeTableId")).isEqualTo("shop-dev-private-rt-id"));

        Registered vpcOrigin = d.aws().named("aws:cloudfront/vpcOrigin:VpcOrigin", "shop-dev-vpc-origin");
        Map<?, ?> endpoint = (Map<?, ?>) vpcOrigin.inputs().get("vpcOriginEndpointConfig");
        assertThat(endpoint.get("arn")).isEqualTo("arn:aws:lb:eu-west-1:123456789012:shop-dev-alb");
        assertThat(endpoint.get("originProtocolPolicy")).isEqualTo("http-only");
        assertThat(endpoint.get("httpPort")).isEqualTo(80.0);

        Map<String, Object> web = origin(d, "web");
        assertThat(web).doesNotContainKey("customOriginConfig");
        assertThat(((Map<?, ?>) web.get("vpcOriginConfig")).get("vpcOriginId")).isEqualTo("shop-dev-vpc-origin-id");
        assertThat(web.get("customHeaders").toString()).contains(DeployDefaults.ORIGIN_SECRET_HEADER, MockAws.ORIGIN_SECRET);
        // the Lambda container's origin is its function URL, as before
        assertThat(origin(d, "api")).containsKey("customOriginConfig").doesNotContainKey("vpcOriginConfig");

        // the load balancer's group admits CloudFront's origin-facing servers, which its VPC origins are among, and nothing else
        List<Registered> albIngress = d.aws().ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> r.name().contains("alb-from")).toList();
        assertThat(albIngress).singleElement().satisfies(r -> assertThat(r.inputs()).containsEntry("prefixListId", MockAws.PREFIX_LIST)
                .containsEntry("fromPort", 80.0).containsEntry("toPort", 80.0));
    }

    @Test
    void aProjectWithoutFargateHasNoPrivateSubnetsNorVpcOrigin() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        String text = Files.readString(config);
        Files.writeString(config, text.substring(0, text.indexOf("  web:\n")));
        Deployed d = deploy();
        assertThat(d.aws().ofType("aws:ec2/subnet:Subnet")).extracting(Registered::name).noneMatch(n -> n.contains("private"));
        assertThat(d.aws().ofType("aws:cloudfront/vpcOrigin:VpcOrigin")).isEmpty();
    }
}
