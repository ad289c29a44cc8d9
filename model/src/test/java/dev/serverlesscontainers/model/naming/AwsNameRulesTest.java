package dev.serverlesscontainers.model.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.model.config.ComputeType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Names and descriptions AWS itself would refuse, which mocks accept. */
@Timeout(10)
class AwsNameRulesTest {
    @Test
    void aLoadBalancerNameNeverStartsWithInternalNorASecurityGroupNameWithSg() {
        assertThat(Names.of("internal", "dev").project(ResourceKind.LOAD_BALANCER)).isEqualTo("scf-internal-dev-alb");
        assertThat(Names.of("Internal", "dev").project(ResourceKind.LOAD_BALANCER)).isEqualTo("scf-Internal-dev-alb");
        assertThat(Names.of("sg-shop", "dev").project("alb", ResourceKind.SECURITY_GROUP)).isEqualTo("scf-sg-shop-dev-alb-sg");
        // names AWS accepts are left alone, and other kinds may start with these words
        assertThat(Names.of("internals", "dev").project(ResourceKind.LOAD_BALANCER)).isEqualTo("internals-dev-alb");
        assertThat(Names.of("internal", "dev").container("api", ResourceKind.TARGET_GROUP)).isEqualTo("internal-dev-api-tg");
        String longest = Names.of("internal-abcdefg", "production-east").project(ResourceKind.LOAD_BALANCER);
        assertThat(longest).startsWith("scf-internal-").hasSizeLessThanOrEqualTo(32);
    }

    @Test
    void accountWideNamesCarryTheRegionSoTwoRegionsDoNotCollide() {
        Names names = Names.of("shop", "dev");
        assertThat(names.inRegion("eu-west-1").containerRole("api", ComputeType.AWS_LAMBDA)).isEqualTo("shop-dev-euw1-api-lambda-role");
        assertThat(names.inRegion("us-east-1").project(ResourceKind.CLOUDFRONT_FUNCTION)).isEqualTo("shop-dev-use1-router");
        assertThat(names.inRegion("eu-west-1").prefix()).isEqualTo("shop-dev");
        assertThat(names.inRegion("eu-west-1").project(ResourceKind.ORIGIN_ACCESS_CONTROL))
                .isNotEqualTo(names.inRegion("eu-west-2").project(ResourceKind.ORIGIN_ACCESS_CONTROL));
    }

    @Test
    void regionCodesAreShortAndDistinct() {
        List<String> regions = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1",
                "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
                "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
                "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
                "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
                "us-iso-east-1", "us-isob-east-1");
        assertThat(Names.regionCode("ap-southeast-2")).isEqualTo("apse2");
        assertThat(Names.regionCode("us-gov-west-1")).isEqualTo("usgovw1");
        assertThat(regions.stream().map(Names::regionCode).distinct()).hasSameSizeAs(regions);
        assertThat(regions).allSatisfy(r -> assertThat(Names.regionCode(r)).hasSizeLessThanOrEqualTo(8));
    }

    @Test
    void ec2DescriptionsRefuseTheApostropheAndWhatElseEc2Refuses() {
        assertThat(Description.EC2.problem("HTTP from CloudFront's origin-facing servers"))
                .contains("has characters AWS refuses here (') in: HTTP from CloudFront's origin-facing servers");
        assertThat(Description.EC2.problem("shop-dev: HTTP from CloudFront (origin-facing servers) only")).isEmpty();
        assertThat(Description.EC2.problem("a & b")).isPresent();
        assertThat(Description.EC2.problem("x".repeat(256))).isPresent();
        assertThat(Description.IAM.problem("What shop-dev's container api runs as")).isEmpty();
        assertThatThrownBy(() -> Description.EC2.checked("tasks' port")).isInstanceOf(IllegalArgumentException.class);
    }
}
