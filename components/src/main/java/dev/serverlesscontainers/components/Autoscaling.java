package dev.serverlesscontainers.components;

import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyStepScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyStepScalingPolicyConfigurationStepAdjustmentArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code scale}: an Application Auto Scaling target on the service's task count, and its policies. */
final class Autoscaling {
    private Autoscaling() {}

    static void create(DeployContext ctx, ContainerConfig c, Compute.Scale scale, Cluster cluster, Service service,
            LoadBalancer alb, TargetGroup targets) {
        var n = ctx.names;
        Output<String> resourceId = Output.format("service/%s/%s", cluster.name(), service.name());
        var target = new Target(n.container(c.name(), ResourceKind.AUTOSCALING_TARGET), TargetArgs.builder()
                .serviceNamespace("ecs")
                .scalableDimension("ecs:service:DesiredCount")
                .resourceId(resourceId)
                .minCapacity(scale.min().orElse(scale.desiredCount()))
                .maxCapacity(scale.max().orElseThrow(() -> new IllegalStateException("the model requires max with a policy")))
                .tags(ctx.tags())
                .build(), ctx.options());

        for (Compute.TargetTracking t : scale.targets()) {
            var metric = PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder();
            switch (t.metric()) {
                case CPU -> metric.predefinedMetricType("ECSServiceAverageCPUUtilization");
                case MEMORY -> metric.predefinedMetricType("ECSServiceAverageMemoryUtilization");
                case ALB_REQUESTS_PER_TARGET -> metric.predefinedMetricType("ALBRequestCountPerTarget")
                        .resourceLabel(Output.format("%s/%s", alb.arnSuffix(), targets.arnSuffix()));
                default -> throw new IllegalStateException("unknown metric " + t.metric());
            }
            var config = PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                    .predefinedMetricSpecification(metric.build())
                    .targetValue((double) t.value())
                    .disableScaleIn(!t.scaleIn());
            t.scaleInCooldown().ifPresent(config::scaleInCooldown);
            t.scaleOutCooldown().ifPresent(config::scaleOutCooldown);
            String name = n.container(c.name(), t.metric().configName(), ResourceKind.AUTOSCALING_POLICY);
            new Policy(name, PolicyArgs.builder()
                    .name(name)
                    .policyType("TargetTrackingScaling")
                    .serviceNamespace(target.serviceNamespace())
                    .scalableDimension(target.scalableDimension())
                    .resourceId(target.resourceId())
                    .targetTrackingScalingPolicyConfiguration(config.build())
                    .build(), ctx.options());
        }

        for (int i = 0; i < scale.steps().size(); i++) {
            Compute.StepScaling s = scale.steps().get(i);
            String name = n.container(c.name(), "step" + (i + 1), ResourceKind.AUTOSCALING_POLICY);
            var policy = new Policy(name, PolicyArgs.builder()
                    .name(name)
                    .policyType("StepScaling")
                    .serviceNamespace(target.serviceNamespace())
                    .scalableDimension(target.scalableDimension())
                    .resourceId(target.resourceId())
                    .stepScalingPolicyConfiguration(PolicyStepScalingPolicyConfigurationArgs.builder()
                            .adjustmentType(s.adjustmentType())
                            .cooldown(s.cooldown())
                            .metricAggregationType(s.metricAggregationType())
                            .stepAdjustments(s.stepAdjustments().stream().map(a -> {
                                var b = PolicyStepScalingPolicyConfigurationStepAdjustmentArgs.builder().scalingAdjustment(a.scalingAdjustment());
                                a.metricIntervalLowerBound().ifPresent(v -> b.metricIntervalLowerBound(String.valueOf(v)));
                                a.metricIntervalUpperBound().ifPresent(v -> b.metricIntervalUpperBound(String.valueOf(v)));
                                return b.build();
                            }).toList())
                            .build())
                    .build(), ctx.options());
            Map<String, String> dimensions = new LinkedHashMap<>();
            s.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
            String alarm = n.container(c.name(), "step" + (i + 1), ResourceKind.METRIC_ALARM);
            new MetricAlarm(alarm, MetricAlarmArgs.builder()
                    .name(alarm)
                    .namespace(s.namespace())
                    .metricName(s.metricName())
                    .dimensions(dimensions)
                    .statistic(s.metricAggregationType())
                    .period(60)
                    .evaluationPeriods(1)
                    .threshold(s.threshold())
                    .comparisonOperator(s.comparisonOperator())
                    .alarmActions(policy.arn().applyValue(List::of))
                    .tags(ctx.tags(alarm))
                    .build(), ctx.options());
        }
    }
}
