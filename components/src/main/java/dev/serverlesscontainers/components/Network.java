package dev.serverlesscontainers.components;

import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.DeploymentConfig.AwsVpc;
import dev.serverlesscontainers.model.naming.Description;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The network: a VPC with two public subnets in two availability zones ({@link AvailabilityZones}),
 * an internet gateway and a route table, and (with Fargate containers) two private subnets for the
 * internal load balancer; or the user's {@code deployment.awsVpc}; and the security groups: the load
 * balancer's (port 80 from CloudFront's origin-facing servers only, which include its VPC origins),
 * the tasks' (the container port from the load balancer only) and the service-to-service group (all
 * traffic among its members, and out to the VPC, which is what VPC functions may reach: without a NAT
 * gateway a function in the VPC has no way to the internet).
 */
final class Network {
    static final String VPC_CIDR = "10.0.0.0/16";
    static final List<String> SUBNET_CIDRS = List.of("10.0.0.0/20", "10.0.16.0/20");
    /** Subnets without a route to the internet, for the internal load balancer. */
    static final List<String> PRIVATE_SUBNET_CIDRS = List.of("10.0.32.0/20", "10.0.48.0/20");
    /** AWS's managed prefix list of CloudFront's origin-facing servers. */
    static final String CLOUDFRONT_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";
    /**
     * The load balancer listens on HTTP only (CloudFront reaches it by its AWS host name, for which no
     * certificate can exist), so only port 80 is opened. The CloudFront prefix list counts as 55 rules
     * against a security group's default quota of 60, so a second port would not fit either.
     */
    static final int LOAD_BALANCER_PORT = 80;

    final Output<String> vpcId;
    final Output<List<String>> publicSubnetIds;
    /** Where the internal load balancer runs; empty without Fargate containers. */
    final Output<List<String>> privateSubnetIds;
    /** Empty without Fargate containers. */
    final Output<String> loadBalancerSecurityGroupId;
    final Output<String> taskSecurityGroupId;
    final Output<String> serviceToServiceSecurityGroupId;

    private Network(Output<String> vpcId, Output<List<String>> subnets, Output<List<String>> privateSubnets, Output<String> lb,
            Output<String> tasks, Output<String> s2s) {
        this.vpcId = vpcId;
        this.publicSubnetIds = subnets;
        this.privateSubnetIds = privateSubnets;
        this.loadBalancerSecurityGroupId = lb;
        this.taskSecurityGroupId = tasks;
        this.serviceToServiceSecurityGroupId = s2s;
    }

    static Network create(DeployContext ctx) {
        if (ctx.config.deployment().awsVpc().isPresent()) {
            AwsVpc v = ctx.config.deployment().awsVpc().get();
            return new Network(Output.of(v.id()), Output.of(v.publicSubnets()), Output.of(v.privateSubnets()),
                    Output.of(v.loadBalancerSecurityGroupId()),
                    Output.of(v.s2sSecurityGroupId()), Output.of(v.s2sSecurityGroupId()));
        }
        var n = ctx.names;
        String vpcName = n.project(ResourceKind.VPC);
        var vpc = new Vpc(vpcName, VpcArgs.builder()
                .cidrBlock(VPC_CIDR)
                .enableDnsHostnames(true)
                .enableDnsSupport(true)
                .tags(ctx.tags(vpcName))
                .build(), ctx.options());
        var zones = AvailabilityZones.chosen(ctx);
        String igwName = n.project(ResourceKind.INTERNET_GATEWAY);
        var igw = new InternetGateway(igwName, InternetGatewayArgs.builder().vpcId(vpc.id()).tags(ctx.tags(igwName)).build(), ctx.options());
        String rtName = n.project("public", ResourceKind.ROUTE_TABLE);
        var routes = new RouteTable(rtName, RouteTableArgs.builder()
                .vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(igw.id()).build())
                .tags(ctx.tags(rtName))
                .build(), ctx.options());
        Output<List<String>> publicSubnetIds = subnets(ctx, "public", SUBNET_CIDRS, vpc, zones, routes);

        String s2sName = n.project("s2s", ResourceKind.SECURITY_GROUP);
        var s2s = securityGroup(ctx, s2sName, "Service-to-service traffic between the containers of " + n.prefix(), vpc.id());
        ingress(ctx, "s2s-from-s2s", s2s.id(), "-1", null, null, s2s.id(), null, "all traffic from the service-to-service group");
        // the provider removes a new group's default egress: without this, VPC functions could reach nothing
        egress(ctx, "s2s-to-vpc", s2s.id(), "-1", null, null, null, VPC_CIDR, "all traffic to the VPC: the other containers and endpoints");

        Output<String> lbId = Output.of("");
        Output<String> tasksId = s2s.id();
        Output<List<String>> privateSubnetIds = Output.of(List.of());
        if (ctx.config.hasFargate()) {
            privateSubnetIds = privateSubnets(ctx, vpc, zones);
            String lbName = n.project("alb", ResourceKind.SECURITY_GROUP);
            var lb = securityGroup(ctx, lbName, "Load balancer of " + n.prefix() + ": HTTP from CloudFront only", vpc.id());
            String tasksName = n.project("tasks", ResourceKind.SECURITY_GROUP);
            var tasks = securityGroup(ctx, tasksName, "Fargate tasks of " + n.prefix() + ": the container port from the load balancer only",
                    vpc.id());
            var prefixList = Ec2Functions.getManagedPrefixList(GetManagedPrefixListArgs.builder().name(CLOUDFRONT_PREFIX_LIST).build(),
                    ctx.invokeOptions()).applyValue(p -> p.id());
            ingress(ctx, "alb-from-cloudfront", lb.id(), "tcp", LOAD_BALANCER_PORT, LOAD_BALANCER_PORT, null, prefixList,
                    "HTTP from the origin-facing servers of CloudFront");
            egress(ctx, "alb-to-tasks", lb.id(), "tcp", Defaults.CONTAINER_PORT, Defaults.CONTAINER_PORT, tasks.id(), null,
                    "to the container port of the tasks");
            ingress(ctx, "tasks-from-alb", tasks.id(), "tcp", Defaults.CONTAINER_PORT, Defaults.CONTAINER_PORT, lb.id(), null,
                    "the container port from the load balancer");
            // tasks pull their images from ECR and call AWS APIs through the internet gateway
            egress(ctx, "tasks-out", tasks.id(), "-1", null, null, null, "0.0.0.0/0", "tasks reach AWS APIs and the internet");
            lbId = lb.id();
            tasksId = tasks.id();
        }
        return new Network(vpc.id(), publicSubnetIds, privateSubnetIds, lbId, tasksId, s2s.id());
    }

    /**
     * Two subnets whose route table has no route out of the VPC: the internal load balancer lives
     * there, and CloudFront reaches it through its VPC origin, which needs no route (only an internet
     * gateway attached to the VPC, which the public subnets' gateway is).
     */
    private static Output<List<String>> privateSubnets(DeployContext ctx, Vpc vpc, Output<List<String>> zones) {
        String rtName = ctx.names.project("private", ResourceKind.ROUTE_TABLE);
        var routes = new RouteTable(rtName, RouteTableArgs.builder().vpcId(vpc.id()).tags(ctx.tags(rtName)).build(), ctx.options());
        return subnets(ctx, "private", PRIVATE_SUBNET_CIDRS, vpc, zones, routes);
    }

    /** One subnet per CIDR, each in the next availability zone, all on {@code routes}. */
    private static Output<List<String>> subnets(DeployContext ctx, String tier, List<String> cidrs, Vpc vpc, Output<List<String>> zones,
            RouteTable routes) {
        var n = ctx.names;
        List<Output<String>> ids = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            String zoneLetter = String.valueOf((char) ('a' + i));
            String subnetName = n.project(tier + "-" + zoneLetter, ResourceKind.SUBNET);
            final int zone = i;
            var subnet = new Subnet(subnetName, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .cidrBlock(cidrs.get(i))
                    .availabilityZoneId(zones.applyValue(z -> z.get(zone)))
                    .tags(ctx.tags(subnetName))
                    .build(), AvailabilityZones.pinned(ctx));
            new RouteTableAssociation(n.project(tier + "-" + zoneLetter, ResourceKind.ROUTE_TABLE_ASSOCIATION),
                    RouteTableAssociationArgs.builder().subnetId(subnet.id()).routeTableId(routes.id()).build(), ctx.options());
            ids.add(subnet.id());
        }
        return Output.all(ids);
    }

    /**
     * A security group whose AWS name ends in a hash of what makes AWS replace it (its description and
     * VPC): the replacement is created beside the original under another name, the load balancer,
     * tasks and functions move to it, and the original is deleted last. A fixed name would collide
     * with itself ({@code InvalidGroup.Duplicate}); deleting first is impossible while the group is
     * in use. The logical name stays, so the engine sees one group replaced.
     */
    private static SecurityGroup securityGroup(DeployContext ctx, String name, String description, Output<String> vpcId) {
        return new SecurityGroup(name, SecurityGroupArgs.builder()
                .name(vpcId.applyValue(vpc -> Names.replaceable(name, ResourceKind.SECURITY_GROUP, List.of(description, vpc))))
                .description(Description.EC2.checked(description))
                .vpcId(vpcId).tags(ctx.tags(name)).build(), ctx.replaceable());
    }

    private static void ingress(DeployContext ctx, String name, Output<String> group, String protocol, Integer from, Integer to,
            Output<String> fromGroup, Output<String> prefixList, String description) {
        var b = SecurityGroupIngressRuleArgs.builder().securityGroupId(group).ipProtocol(protocol)
                .description(Description.EC2.checked(description));
        if (from != null) {
            b.fromPort(from).toPort(to);
        }
        if (fromGroup != null) {
            b.referencedSecurityGroupId(fromGroup);
        }
        if (prefixList != null) {
            b.prefixListId(prefixList);
        }
        new SecurityGroupIngressRule(ctx.names.project(name, ResourceKind.SECURITY_GROUP_RULE), b.tags(ctx.tags()).build(), ctx.options());
    }

    /** Egress to {@code toGroup} or, when that is null, to {@code toCidr}. */
    private static void egress(DeployContext ctx, String name, Output<String> group, String protocol, Integer from, Integer to,
            Output<String> toGroup, String toCidr, String description) {
        var b = SecurityGroupEgressRuleArgs.builder().securityGroupId(group).ipProtocol(protocol)
                .description(Description.EC2.checked(description));
        if (from != null) {
            b.fromPort(from).toPort(to);
        }
        if (toGroup != null) {
            b.referencedSecurityGroupId(toGroup);
        } else {
            b.cidrIpv4(toCidr);
        }
        new SecurityGroupEgressRule(ctx.names.project(name, ResourceKind.SECURITY_GROUP_RULE), b.tags(ctx.tags()).build(), ctx.options());
    }
}
