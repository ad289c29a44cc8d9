package dev.serverlesscontainers.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilterArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * The availability zones the subnets go in, by zone id (the same zone in every account, unlike zone
 * names): standard zones only (no Local or Wavelength Zones, which the region's list includes once
 * opted in), none where Fargate does not run, and of those the lowest ids, so the choice does not
 * depend on the order AWS lists them in. Subnets keep the zone they were created in: a later change of
 * the account's zones must not replace them, and with them every task and function in the VPC.
 */
final class AvailabilityZones {
    private AvailabilityZones() {}

    /** How many zones the VPC spans: one subnet in each. */
    static final int COUNT = 2;
    /**
     * Zone ids without Fargate, from the regional table of "Amazon ECS on AWS Fargate" in the ECS
     * developer guide (us-west-1: az1 and az3 only; ap-northeast-1: az1, az2 and az4; ca-central-1:
     * az1 and az2; cn-north-1: az1 and az2).
     */
    static final List<String> WITHOUT_FARGATE = List.of("usw1-az2", "apne1-az3", "cac1-az4", "cnn1-az4");

    /** The zone ids of the subnets, one per subnet. */
    static Output<List<String>> chosen(DeployContext ctx) {
        var args = GetAvailabilityZonesArgs.builder()
                .state("available")
                .filters(GetAvailabilityZonesFilterArgs.builder().name("zone-type").values("availability-zone").build(),
                        GetAvailabilityZonesFilterArgs.builder().name("opt-in-status").values("opt-in-not-required", "opted-in").build())
                .excludeZoneIds(WITHOUT_FARGATE)
                .build();
        return AwsFunctions.getAvailabilityZones(args, ctx.invokeOptions()).applyValue(z -> {
            List<String> ids = z.zoneIds().stream().sorted().limit(COUNT).toList();
            if (ids.size() < COUNT) {
                throw new IllegalStateException("the region has " + ids.size() + " standard availability zone(s) where Fargate runs ("
                        + z.zoneIds() + "); the VPC needs " + COUNT + ": deploy to another region, or give deployment.awsVpc");
            }
            return ids;
        });
    }

    /** Options for a subnet: it stays in its zone whatever the region's list of zones says later. */
    static CustomResourceOptions pinned(DeployContext ctx) {
        return CustomResourceOptions.builder().parent(ctx.parent).ignoreChanges("availabilityZone", "availabilityZoneId").build();
    }
}
