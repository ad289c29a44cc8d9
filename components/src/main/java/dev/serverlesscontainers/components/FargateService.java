package dev.serverlesscontainers.components;

import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.ServiceArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ServiceCapacityProviderStrategyArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentCircuitBreakerArgs;
import com.pulumi.aws.ecs.inputs.ServiceLoadBalancerArgs;
import com.pulumi.aws.ecs.inputs.ServiceNetworkConfigurationArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionRuntimePlatformArgs;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.aws.lb.ListenerRuleArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleActionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionHttpHeaderArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionPathPatternArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.routing.ListenerRules;
import dev.serverlesscontainers.model.config.ContainerEnvironment;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import dev.serverlesscontainers.model.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container on ECS Fargate: log group, task definition, target group (health check on
 * {@code pathHealthCheck}), one listener rule per route of the routing table, and the service, which
 * rolls out new tasks before stopping old ones and rolls back a deployment that does not become
 * healthy (the deploy waits for the rollout in {@link RolloutWatcher}, or, with the watcher turned off,
 * with the provider's wait and {@link RolloutCheck}); then its autoscaling.
 *
 * <p>One listener rule per route: its {@code path-pattern}, the viewer's host in
 * {@link ListenerRules#FORWARDED_HOST_HEADER} when the route has a domain (the {@code Host} that
 * reaches the load balancer is its own name), the container the CloudFront Function chose
 * ({@link ListenerRules#CONTAINER_HEADER}) and the secret header only CloudFront sends. Since the
 * function has already chosen, no two rules match one request: the precedence between routes lives
 * in the function alone, and a rule's priority only has to be unique and stable ({@link ListenerRules}).
 */
final class FargateService {
    private static final String TARGET_PROTOCOL = "HTTP";
    private static final String TARGET_TYPE = "ip";

    final Service service;
    final List<ListenerRule> rules;
    final Output<String> roleArn;
    final Output<String> roleName;
    final Output<String> logGroupName;
    /** The task definition this deploy registered, the one the service must roll out. */
    final Output<String> taskDefinitionArn;
    /**
     * Without the rollout watcher, the service's name once the provider's wait ended on this deploy's task
     * definition ({@link RolloutCheck}); empty when the watcher awaits the rollout.
     */
    final Optional<Output<String>> rolledOutWithoutWatcher;

    private FargateService(Service service, List<ListenerRule> rules, Iam.ContainerRole role, Output<String> logGroupName,
            Output<String> taskDefinitionArn, Optional<Output<String>> rolledOutWithoutWatcher) {
        this.service = service;
        this.rules = rules;
        this.roleArn = role.arn();
        this.roleName = role.name();
        this.logGroupName = logGroupName;
        this.taskDefinitionArn = taskDefinitionArn;
        this.rolledOutWithoutWatcher = rolledOutWithoutWatcher;
    }

    /** What must exist before CloudFront may route to the container (with its rollout, {@link RolloutWatcher}). */
    List<Resource> ready() {
        List<Resource> r = new ArrayList<>(rules);
        r.add(service);
        return r;
    }

    static FargateService create(DeployContext ctx, ContainerConfig c, ContainerImage image, Network network, LoadBalancer lb) {
        var n = ctx.names;
        var compute = (Compute.Fargate) c.compute();
        var logs = DeployContext.logGroup(ctx, c, Names.computeQualifier(ComputeType.AWS_FARGATE_ECS),
                "/ecs/" + n.container(c.name(), Names.computeQualifier(ComputeType.AWS_FARGATE_ECS), ResourceKind.LOG_GROUP));
        var role = Iam.containerRole(ctx, c);

        Output<Map<String, String>> environment = ctx.awsValues().map(ContainerEnvironment.of(ctx.config, c, Defaults.CONTAINER_PORT, false));
        Output<String> definitions = Output.tuple(image.imageUri, ctx.region(), logs.name(), environment)
                .applyValue(t -> containerDefinitions(c, t.t1, t.t2, t.t3, t.t4));
        String family = n.container(c.name(), ResourceKind.TASK_DEFINITION);
        var task = new TaskDefinition(family, TaskDefinitionArgs.builder()
                .family(family)
                .cpu(String.valueOf(compute.cpu()))
                .memory(String.valueOf(compute.memory()))
                .networkMode("awsvpc")
                .requiresCompatibilities("FARGATE")
                .runtimePlatform(TaskDefinitionRuntimePlatformArgs.builder()
                        .operatingSystemFamily("LINUX")
                        .cpuArchitecture(image.build.arm64() ? "ARM64" : "X86_64")
                        .build())
                .executionRoleArn(compute.executionRoleArn().map(Output::of).orElse(lb.executionRoleArn))
                .taskRoleArn(role.arn())
                .containerDefinitions(ctx.secretFor(c, definitions))
                .tags(ctx.tags(family))
                .build(), ctx.options());

        String tgName = n.container(c.name(), ResourceKind.TARGET_GROUP);
        // AWS replaces a target group whose port, protocol, target type or VPC changes, and one target
        // group serves one load balancer: the name carries all of them (Names.replaceable), so a
        // replacement is created beside the original, the listener rule and the service move to it, and
        // the original, no longer in use, is deleted last (no duplicate name, no ResourceInUse)
        var targets = new TargetGroup(tgName, TargetGroupArgs.builder()
                .name(Output.tuple(network.vpcId, lb.name).applyValue(t -> Names.replaceable(tgName, ResourceKind.TARGET_GROUP,
                        List.of(String.valueOf(Defaults.CONTAINER_PORT), TARGET_PROTOCOL, TARGET_TYPE, t.t1, t.t2))))
                .port(Defaults.CONTAINER_PORT)
                .protocol(TARGET_PROTOCOL)
                .targetType(TARGET_TYPE)
                .vpcId(network.vpcId)
                .deregistrationDelay(DeployDefaults.DEREGISTRATION_DELAY_SECONDS)
                .healthCheck(TargetGroupHealthCheckArgs.builder()
                        .path(c.routing().pathHealthCheck())
                        .matcher(DeployDefaults.HEALTH_CHECK_MATCHER)
                        .interval(DeployDefaults.HEALTH_CHECK_INTERVAL_SECONDS)
                        .timeout(DeployDefaults.HEALTH_CHECK_TIMEOUT_SECONDS)
                        .healthyThreshold(DeployDefaults.HEALTHY_THRESHOLD)
                        .unhealthyThreshold(DeployDefaults.UNHEALTHY_THRESHOLD)
                        .build())
                .tags(ctx.tags(tgName))
                .build(), ctx.replaceable());

        List<ListenerRule> rules = new ArrayList<>();
        List<Route> routes = ctx.routing.routesOf(c.name());
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            List<ListenerRuleConditionArgs> conditions = new ArrayList<>();
            conditions.add(ListenerRuleConditionArgs.builder()
                    .pathPattern(ListenerRuleConditionPathPatternArgs.builder().values(route.pathPattern()).build()).build());
            route.host().ifPresent(host -> conditions.add(ListenerRuleConditionArgs.builder()
                    .httpHeader(ListenerRuleConditionHttpHeaderArgs.builder()
                            .httpHeaderName(RoutingFunction.FORWARDED_HOST_HEADER).values(host).build()).build()));
            conditions.add(ListenerRuleConditionArgs.builder()
                    .httpHeader(ListenerRuleConditionHttpHeaderArgs.builder()
                            .httpHeaderName(RoutingFunction.CONTAINER_HEADER).values(c.name()).build()).build());
            conditions.add(ListenerRuleConditionArgs.builder()
                    .httpHeader(ListenerRuleConditionHttpHeaderArgs.builder()
                            .httpHeaderName(DeployDefaults.ORIGIN_SECRET_HEADER)
                            .values(lb.originSecret.applyValue(List::of)).build()).build());
            // keyed by container, not priority: a renumbering updates rules in place instead of replacing them
            String ruleName = i == 0 ? n.container(c.name(), ResourceKind.LISTENER_RULE)
                    : n.container(c.name(), String.valueOf(i + 1), ResourceKind.LISTENER_RULE);
            rules.add(new ListenerRule(ruleName, ListenerRuleArgs.builder()
                    .listenerArn(lb.listener.arn())
                    .priority(ctx.listenerPriorities().get(ListenerRules.key(route, i)))
                    .conditions(conditions)
                    .actions(ListenerRuleActionArgs.builder().type("forward").targetGroupArn(targets.arn()).build())
                    .tags(ctx.tags(ruleName))
                    .build(), ctx.options()));
        }

        String serviceName = n.container(c.name(), ResourceKind.ECS_SERVICE);
        var scale = compute.scale();
        List<Resource> serviceNeeds = new ArrayList<>(rules); // ECS refuses a target group that no listener uses yet
        serviceNeeds.add(lb.capacityProviders);
        // created beside the original when replaced (its name is Names.replaceable; see DeployContext#replaceable)
        var serviceOptions = ctx.replaceableOptions(serviceNeeds);
        boolean watched = ctx.config.deployment().rolloutWatcher();
        if (!watched) {
            serviceOptions.customTimeouts(CustomTimeouts.builder().create(DeployDefaults.NEW_SERVICE_WAIT).build());
        }
        if (scale.autoscales()) {
            serviceOptions.ignoreChanges("desiredCount"); // autoscaling owns it once the service exists
        }
        // Spot through a capacity provider strategy (which excludes a launch type); regular Fargate keeps
        // its launch type, so services that do not opt in stay as they are
        String capacity = compute.spot() ? LoadBalancer.FARGATE_SPOT : LoadBalancer.FARGATE;
        // in the user's VPC, tasks run in its private subnets (its NAT or endpoints reach ECR and logs)
        boolean privateTasks = ctx.config.deployment().awsVpc().isPresent();
        var serviceArgs = ServiceArgs.builder()
                // a new cluster or launch type replaces the service: under another name, the new one
                // has rolled out (RolloutWatcher) before the old one (still serving) is deleted, and ECS keeps a deleted
                // service's name while it drains
                .name(Names.replaceable(serviceName, ResourceKind.ECS_SERVICE, List.of(ctx.names.project(ResourceKind.ECS_CLUSTER), capacity)))
                .cluster(lb.cluster.arn())
                .taskDefinition(task.arn())
                .desiredCount(scale.desiredCount())
                .networkConfiguration(ServiceNetworkConfigurationArgs.builder()
                        .subnets(privateTasks ? network.privateSubnetIds : network.publicSubnetIds)
                        .securityGroups(Output.all(network.taskSecurityGroupId, network.serviceToServiceSecurityGroupId)
                                .applyValue(ids -> ids.stream().distinct().toList()))
                        // the created VPC's public subnets have no NAT gateway: tasks need a public address to pull images
                        .assignPublicIp(!privateTasks)
                        .build())
                .loadBalancers(ServiceLoadBalancerArgs.builder()
                        .targetGroupArn(targets.arn())
                        .containerName(c.name())
                        .containerPort(Defaults.CONTAINER_PORT)
                        .build())
                .deploymentCircuitBreaker(ServiceDeploymentCircuitBreakerArgs.builder().enable(true).rollback(true).build())
                .deploymentMinimumHealthyPercent(DeployDefaults.MINIMUM_HEALTHY_PERCENT)
                .deploymentMaximumPercent(DeployDefaults.MAXIMUM_PERCENT)
                .healthCheckGracePeriodSeconds(DeployDefaults.HEALTH_CHECK_GRACE_PERIOD_SECONDS)
                // the provider's wait cannot tell a failed rollout from a slow one: RolloutWatcher's, unless turned off
                .waitForSteadyState(!watched)
                .propagateTags("SERVICE")
                .tags(ctx.tags(serviceName));
        if (compute.spot()) {
            serviceArgs.capacityProviderStrategies(ServiceCapacityProviderStrategyArgs.builder()
                    .capacityProvider(LoadBalancer.FARGATE_SPOT).weight(1).build());
        } else {
            serviceArgs.launchType(LoadBalancer.FARGATE);
        }
        var service = new Service(serviceName, serviceArgs.build(), serviceOptions.build());

        if (scale.autoscales()) {
            Autoscaling.create(ctx, c, scale, lb.cluster, service, lb.alb, targets);
        }
        return new FargateService(service, rules, role, logs.name(), task.arn(),
                watched ? Optional.empty() : Optional.of(RolloutCheck.verified(ctx, c, service, task, lb.cluster)));
    }

    private static String containerDefinitions(ContainerConfig c, String image, String region, String logGroup,
            Map<String, String> variables) {
        List<Map<String, String>> environment = new ArrayList<>();
        variables.forEach((k, v) -> environment.add(Map.of("name", k, "value", v)));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", c.name());
        definition.put("image", image);
        definition.put("essential", true);
        definition.put("portMappings", List.of(Map.of("containerPort", Defaults.CONTAINER_PORT, "protocol", "tcp")));
        definition.put("environment", environment);
        definition.put("logConfiguration", Map.of("logDriver", "awslogs", "options", Map.of(
                "awslogs-group", logGroup,
                "awslogs-region", region,
                "awslogs-stream-prefix", c.name())));
        return Iam.json(List.of(definition));
    }
}
