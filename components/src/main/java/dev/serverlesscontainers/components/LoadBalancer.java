package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.routing.NotFound;
import com.pulumi.aws.cloudfront.VpcOrigin;
import com.pulumi.aws.cloudfront.VpcOriginArgs;
import com.pulumi.aws.cloudfront.inputs.VpcOriginVpcOriginEndpointConfigArgs;
import com.pulumi.aws.cloudfront.inputs.VpcOriginVpcOriginEndpointConfigOriginSslProtocolsArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.ClusterCapacityProviders;
import com.pulumi.aws.ecs.ClusterCapacityProvidersArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionFixedResponseArgs;
import com.pulumi.aws.ssm.Parameter;
import com.pulumi.aws.ssm.ParameterArgs;
import com.pulumi.aws.wafv2.WebAclAssociation;
import com.pulumi.aws.wafv2.WebAclAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * What the Fargate containers share: the internal application load balancer in the private subnets,
 * the CloudFront VPC origin that is the only way to it from outside the VPC, its HTTP listener whose
 * default action is the routing table's 404, the secret CloudFront sends it (kept as a second lock),
 * the ECS cluster and the task execution role.
 */
final class LoadBalancer {
    private static final String TYPE = "application";
    static final String FARGATE = "FARGATE";
    static final String FARGATE_SPOT = "FARGATE_SPOT";

    final com.pulumi.aws.lb.LoadBalancer alb;
    /** The load balancer's AWS name: a target group serves one load balancer, so its name includes this. */
    final Output<String> name;
    final VpcOrigin vpcOrigin;
    final Listener listener;
    /** The value of {@link DeployDefaults#ORIGIN_SECRET_HEADER}; listener rules require it. */
    final Output<String> originSecret;
    final Cluster cluster;
    /** What a service with a capacity provider strategy must wait for. */
    final ClusterCapacityProviders capacityProviders;
    final Output<String> executionRoleArn;

    private LoadBalancer(com.pulumi.aws.lb.LoadBalancer alb, Output<String> name, VpcOrigin vpcOrigin, Listener listener,
            Output<String> originSecret, Cluster cluster, ClusterCapacityProviders capacityProviders, Output<String> executionRoleArn) {
        this.alb = alb;
        this.name = name;
        this.vpcOrigin = vpcOrigin;
        this.listener = listener;
        this.originSecret = originSecret;
        this.cluster = cluster;
        this.capacityProviders = capacityProviders;
        this.executionRoleArn = executionRoleArn;
    }

    static LoadBalancer create(DeployContext ctx, Network network) {
        var n = ctx.names;
        String albName = n.project(ResourceKind.LOAD_BALANCER);
        // AWS replaces a load balancer whose scheme or type changes, and cannot move one to another VPC;
        // the replacement gets another name (see Names.replaceable), and the target groups, whose
        // names include this one, follow it
        boolean internal = true;
        Output<String> physicalName = network.vpcId.applyValue(vpc -> Names.replaceable(albName, ResourceKind.LOAD_BALANCER,
                List.of(TYPE, String.valueOf(internal), vpc)));
        var alb = new com.pulumi.aws.lb.LoadBalancer(albName, LoadBalancerArgs.builder()
                .name(physicalName)
                .loadBalancerType(TYPE)
                .internal(internal)
                .securityGroups(network.loadBalancerSecurityGroupId.applyValue(List::of))
                .subnets(network.privateSubnetIds)
                .dropInvalidHeaderFields(true)
                .tags(ctx.tags(albName))
                .build(), ctx.replaceable());
        ctx.config.deployment().wafAclArn().ifPresent(acl ->
                new WebAclAssociation(n.project("waf", ResourceKind.LOAD_BALANCER), WebAclAssociationArgs.builder()
                        .resourceArn(alb.arn())
                        .webAclArn(acl)
                        .build(), ctx.options()));
        String listenerName = n.project("http", ResourceKind.LISTENER);
        var listener = new Listener(listenerName, ListenerArgs.builder()
                .loadBalancerArn(alb.arn())
                .port(Network.LOAD_BALANCER_PORT)
                .protocol("HTTP")
                .defaultActions(ListenerDefaultActionArgs.builder()
                        .type("fixed-response")
                        .fixedResponse(ListenerDefaultActionFixedResponseArgs.builder()
                                .statusCode(String.valueOf(NotFound.STATUS))
                                .contentType(NotFound.FIXED_RESPONSE_CONTENT_TYPE)
                                .messageBody(NotFound.BODY)
                                .build())
                        .build())
                .tags(ctx.tags(listenerName))
                .build(), ctx.options());

        String clusterName = n.project(ResourceKind.ECS_CLUSTER);
        var cluster = new Cluster(clusterName, ClusterArgs.builder()
                .name(clusterName)
                .settings(ClusterSettingArgs.builder().name("containerInsights").value("disabled").build())
                .tags(ctx.tags(clusterName))
                .build(), ctx.options());
        // both, always: a service that opts into Spot (or out of it) needs no change of the cluster
        var capacity = new ClusterCapacityProviders(n.project(ResourceKind.ECS_CAPACITY_PROVIDERS), ClusterCapacityProvidersArgs.builder()
                .clusterName(cluster.name())
                .capacityProviders(FARGATE, FARGATE_SPOT)
                .build(), ctx.options());
        return new LoadBalancer(alb, physicalName, vpcOrigin(ctx, alb, physicalName), listener, originSecret(ctx), cluster, capacity,
                Iam.executionRole(ctx));
    }

    /**
     * The distribution's way into the VPC: CloudFront places its own network interfaces in the load
     * balancer's subnets and reaches it privately, so the load balancer needs no public address. Plain
     * HTTP, as no certificate can name the load balancer's AWS host; the traffic stays on AWS's network.
     */
    private static VpcOrigin vpcOrigin(DeployContext ctx, com.pulumi.aws.lb.LoadBalancer alb, Output<String> albName) {
        String name = ctx.names.project(ResourceKind.VPC_ORIGIN);
        return new VpcOrigin(name, VpcOriginArgs.builder()
                .vpcOriginEndpointConfig(VpcOriginVpcOriginEndpointConfigArgs.builder()
                        // a new load balancer needs a new VPC origin, created beside the old one (Names.replaceable);
                        // VPC origin names are unique in the account, so the name carries the region
                        .name(Output.tuple(albName, ctx.accountWideNames()).applyValue(t -> Names.replaceable(
                                t.t2.project(ResourceKind.VPC_ORIGIN), ResourceKind.VPC_ORIGIN, List.of(t.t1))))
                        .arn(alb.arn())
                        .httpPort(Network.LOAD_BALANCER_PORT)
                        .httpsPort(443)
                        .originProtocolPolicy("http-only")
                        // required by the API even for HTTP
                        .originSslProtocols(VpcOriginVpcOriginEndpointConfigOriginSslProtocolsArgs.builder()
                                .items("TLSv1.2").quantity(1).build())
                        .build())
                .tags(ctx.tags(name))
                .build(), ctx.replaceable());
    }

    /**
     * A random secret, drawn once: the parameter keeps the value it was created with (later draws are
     * ignored), and CloudFront and the listener rules both read the parameter's stored value, so the
     * two always agree. Replacing the parameter rotates it.
     */
    private static Output<String> originSecret(DeployContext ctx) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String name = ctx.names.project(ResourceKind.ORIGIN_SECRET);
        var parameter = new Parameter(name, ParameterArgs.builder()
                .name("/" + name)
                .description("The header value CloudFront sends to " + ctx.names.prefix() + "'s load balancer")
                .type("SecureString")
                .value(Output.ofSecret(HexFormat.of().formatHex(bytes)))
                .tags(ctx.tags(name))
                .build(), CustomResourceOptions.builder().parent(ctx.parent).ignoreChanges("value").build());
        return parameter.value();
    }
}
